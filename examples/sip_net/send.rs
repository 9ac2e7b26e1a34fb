//! A [`Transmit`] of a Call into a SIP message on its dialog, handed to its
//! transaction (both examples' one way out).

use std::time::Instant;

use sdp_offer_answer::call::Transmit;

use super::dialog::Dialog;
use super::log::Log;
use super::mapping;
use super::transaction::{Outbox, Transactions};

/// Why a [`Transmit`] found nothing to go out on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsent {
    /// A CANCEL with no INVITE transaction pending to cancel.
    NoInviteToCancel,
    /// A response to `method` while no such request waits for one.
    NoPendingRequest {
        /// The request's method.
        method: String,
        /// The status the Call answered with.
        status: u16,
    },
}

/// Writes `transmit` as a SIP message of `dialog` (transport headers from
/// the dialog, offer/answer headers and body from the Call), logs it, and
/// queues it in its transaction: ACK sent as is, other requests as client
/// transactions, responses on the server transaction they answer.
///
/// # Errors
/// [`Unsent`] when there is no transaction for it; nothing is queued.
pub fn send(
    tx: &mut Transactions,
    dialog: &mut Dialog,
    log: &mut Log,
    transmit: Transmit,
    now: Instant,
    out: &mut Outbox,
) -> Result<(), Unsent> {
    let call_id = dialog.call_id.as_str();
    match transmit {
        Transmit::Request(r) => {
            let method = r.method.as_str();
            let pending = (method == "CANCEL")
                .then(|| tx.pending_invite(call_id).cloned())
                .flatten();
            let Some(mut message) =
                dialog.request(method, r.headers.to_tag.as_deref(), pending.as_ref())
            else {
                return Err(Unsent::NoInviteToCancel);
            };
            mapping::write(&r.headers, &r.body, dialog.invite_cseq, &mut message);
            log.message(now, true, &message);
            if method == "ACK" {
                tx.send_ack(&message, dialog.peer, out);
            } else {
                tx.send_request(message, dialog.peer, now, out);
            }
        }
        Transmit::Response(r) => {
            let method = r.method.as_str();
            let Some(request) = tx.pending_request(call_id, method) else {
                return Err(Unsent::NoPendingRequest {
                    method: method.to_owned(),
                    status: r.status,
                });
            };
            let mut message = dialog.response(request, r.status, r.headers.to_tag.as_deref());
            mapping::write(&r.headers, &r.body, 0, &mut message);
            log.message(now, true, &message);
            tx.respond(call_id, method, &message, now, out);
        }
    }
    Ok(())
}
