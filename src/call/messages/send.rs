//! The only ways out of a Call: responses with our tag and requests in
//! the dialog, every header checked ([`SipHeaders::retain_valid`]).

use crate::call::CallEvent;
use crate::call::{
    Call, CallDirection, HeaderFault, Method, PeerNoise, SipRequest, SipResponse, SipWarning,
    Transmit,
};
use crate::media_provider::MediaProvider;
use crate::sip::{check_header_name, warn_text_of};

impl<P: MediaProvider> Call<P> {
    /// Reports a message of the peer that was discarded (no state change).
    pub(in crate::call) fn discard(&mut self, noise: PeerNoise) {
        self.events.push(CallEvent::Discarded { noise });
    }

    /// Queues a response with our tag.
    pub(in crate::call) fn respond(&mut self, mut response: SipResponse) {
        response.headers.to_tag = Some(self.local_tag.clone());
        response.headers.retain_valid();
        self.transmits.push(Transmit::Response(response));
    }

    /// Queues a bare response `status` to `method`.
    pub(in crate::call) fn respond_status(&mut self, status: u16, method: Method) {
        self.respond(SipResponse::new(status, method));
    }

    /// Queues a request in dialog `to_tag` (our dialogs as INVITE sender).
    ///
    /// This and [`respond`](Self::respond) are the only ways out: both drop
    /// any header that cannot be written ([`SipHeaders::retain_valid`]).
    /// What the application gives is checked where it is taken (typed
    /// errors) and what the remote sends where it arrives (400, or
    /// [`PeerNoise::MalformedHeader`]), so only a provider's invalid extra
    /// header (on an answer or a decline) is ever dropped here.
    pub(in crate::call) fn send_request(&mut self, mut request: SipRequest, to_tag: Option<&str>) {
        request.headers.to_tag = to_tag.map(str::to_owned);
        request.headers.retain_valid();
        self.transmits.push(Transmit::Request(request));
    }

    /// Answers a request holding a header no valid SIP message has (`name`,
    /// `fault`) with 400 Bad Request (RFC 3261 §21.4.1) and Warning 399
    /// naming the header, never its value (RFC 3261 §8.2: the request is not
    /// processed further). An extension header whose own name is invalid
    /// is not named either.
    pub(in crate::call) fn respond_malformed(
        &mut self,
        method: Method,
        name: &str,
        fault: HeaderFault,
    ) {
        let name = if check_header_name(name).is_ok() {
            name
        } else {
            "extension"
        };
        let mut response = SipResponse::new(400, method);
        response.headers.warning = Some(SipWarning::new(
            399,
            self.config.warning_agent.as_deref(),
            warn_text_of(&format_args!("malformed {name} header: {fault}")),
        ));
        self.respond(response);
    }

    /// Queues a BYE in the confirmed dialog.
    pub(in crate::call) fn send_bye(&mut self) {
        let tag = match self.direction() {
            Some(CallDirection::Outgoing) => self.dialog_id().map(str::to_owned),
            _ => None,
        };
        self.send_request(SipRequest::new(Method::Bye), tag.as_deref());
    }
}
