//! What the application does with the Call's events: answer or decline an
//! incoming call, hang up later, log the negotiated session and the result.

use std::time::Instant;

use sdp_offer_answer::call::{CallError, CallEvent, CallState, RenegotiationAnswer};
use sdp_offer_answer::renegotiation::RenegotiationDirection;

use super::{Plan, Ua};
use crate::log::session_lines;

impl Ua {
    /// What the application does.
    pub(super) fn on_event(&mut self, i: usize, event: CallEvent, now: Instant) {
        self.log.line(now, &format!("event: {}", describe(&event)));
        let (decline, answer_after) = match self.settings.plan {
            Plan::Uas {
                decline,
                answer_after,
                ..
            } => (decline, answer_after),
            Plan::Uac { .. } => (None, None),
        };
        let bye_after = self.settings.bye_after;
        let (reinvite_after, hold_after) = (self.settings.reinvite_after, self.settings.hold_after);
        let dismiss = self.settings.dismiss_renegotiation;
        let leg = &mut self.legs[i];
        let result: Result<(), CallError> = match event {
            CallEvent::IncomingCall { .. } => match (answer_after, decline) {
                (Some(wait), _) => {
                    leg.answer_at = Some(now + wait);
                    Ok(())
                }
                (None, Some(status)) => leg.call.decline(status, now),
                (None, None) => leg.call.accept(now),
            },
            CallEvent::Established { .. } => {
                self.log_session(i, now, "established");
                let leg = &mut self.legs[i];
                leg.bye_at = bye_after.map(|d| now + d);
                leg.reinvite_at = reinvite_after.map(|d| now + d);
                leg.hold_at = hold_after.map(|d| now + d);
                Ok(())
            }
            CallEvent::RenegotiationStarted { renegotiation } => {
                let op = renegotiation.operation_id().to_owned();
                match (renegotiation.direction(), dismiss) {
                    (RenegotiationDirection::Outgoing, _) => Ok(()),
                    (RenegotiationDirection::Incoming, Some(reason)) => {
                        self.log.line(
                            now,
                            &format!("app: dismissing renegotiation {op} ({reason})"),
                        );
                        leg.call.dismiss_renegotiation(&op, reason, now)
                    }
                    (RenegotiationDirection::Incoming, None) => {
                        leg.call
                            .answer_renegotiation(&op, RenegotiationAnswer::Provider, now)
                    }
                }
            }
            CallEvent::RenegotiationCompleted {
                renegotiation,
                result,
            } => {
                let op = renegotiation.operation_id();
                let direction = renegotiation.direction();
                match result {
                    Ok(()) => {
                        self.log
                            .line(now, &format!("renegotiation: {op} {direction:?} completed"));
                        self.log_session(i, now, "updated");
                    }
                    Err(failure) => self.log.line(
                        now,
                        &format!("renegotiation: {op} {direction:?} failed: {failure:?}"),
                    ),
                }
                Ok(())
            }
            CallEvent::Failed { status, response } => {
                let response = response.map_or("none".into(), |r| r.to_string());
                self.log.line(
                    now,
                    &format!("result: failed status={status:?} response={response}"),
                );
                leg.ended_at = Some(now);
                Ok(())
            }
            CallEvent::Terminated { cause } => {
                self.log
                    .line(now, &format!("result: terminated cause={cause:?}"));
                leg.ended_at = Some(now);
                Ok(())
            }
            CallEvent::OfferDeclined { response, reason } => {
                self.log
                    .line(now, &format!("declined: {response} ({reason:?})"));
                if leg.call.state() == CallState::Terminated {
                    leg.ended_at = Some(now);
                }
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.call_error(now, &e);
        }
    }

    /// The Call refused an input: logged, and the run fails (exit 1): in
    /// these scenarios every input should be one the Call takes.
    pub(super) fn call_error(&mut self, now: Instant, error: &CallError) {
        self.log.line(now, &format!("call error: {error}"));
        self.error = true;
    }

    pub(super) fn log_session(&self, i: usize, now: Instant, what: &str) {
        let leg = &self.legs[i];
        self.log.line(now, &format!("session {what}:"));
        match leg.call.provider().inner.negotiated_session() {
            Some(session) => {
                for line in session_lines(session) {
                    self.log.line(now, &line);
                }
            }
            None => self.log.line(now, "session: none"),
        }
    }
}

/// An event for the log; renegotiations by operation id and direction
/// (their SDPs are in the ladder already).
fn describe(event: &CallEvent) -> String {
    match event {
        CallEvent::RenegotiationStarted { renegotiation: r } => format!(
            "RenegotiationStarted {{ operation_id: {:?}, direction: {:?} }}",
            r.operation_id(),
            r.direction()
        ),
        CallEvent::RenegotiationCompleted {
            renegotiation: r,
            result,
        } => format!(
            "RenegotiationCompleted {{ operation_id: {:?}, direction: {:?}, state: {:?}, result: {result:?} }}",
            r.operation_id(),
            r.direction(),
            r.state()
        ),
        other => format!("{other:?}"),
    }
}
