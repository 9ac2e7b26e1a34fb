//! The resource URLs (the seeds' paths; the last segment of a renegotiation
//! is its operation id):
//!
//! ```text
//! /ucwa/v1/applications/{app}/events?ack=N
//! /ucwa/v1/applications/{app}/communication/conversations/{conversation}
//!   .../audioVideo/audioVideoSession
//!   .../audioVideo/audioVideoSession/renegotiations            (POST: start ours)
//!   .../audioVideo/audioVideoSession/renegotiations/{operation}
//!   .../audioVideo/audioVideoSession/renegotiations/{operation}/answer
//!   .../audioVideo/audioVideoSession/renegotiations/{operation}/dismiss
//! ```

/// Builds the URLs of one application.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `/ucwa/v1/applications/{app}`.
    pub base: String,
}

impl Paths {
    /// The URLs of application `app`.
    pub fn new(app: &str) -> Self {
        Paths {
            base: format!("/ucwa/v1/applications/{app}"),
        }
    }

    /// The `communication` resource (the events' sender).
    pub fn communication(&self) -> String {
        format!("{}/communication", self.base)
    }

    /// The event channel at `ack`.
    pub fn events(&self, ack: u64) -> String {
        format!("{}/events?ack={ack}", self.base)
    }

    /// A conversation.
    pub fn conversation(&self, conversation: &str) -> String {
        format!("{}/conversations/{conversation}", self.communication())
    }

    /// Its audio/video session.
    pub fn session(&self, conversation: &str) -> String {
        format!(
            "{}/audioVideo/audioVideoSession",
            self.conversation(conversation)
        )
    }

    /// Its renegotiations (POST starts ours).
    pub fn renegotiations(&self, conversation: &str) -> String {
        format!("{}/renegotiations", self.session(conversation))
    }

    /// One renegotiation.
    pub fn renegotiation(&self, conversation: &str, operation: &str) -> String {
        format!("{}/{operation}", self.renegotiations(conversation))
    }
}
