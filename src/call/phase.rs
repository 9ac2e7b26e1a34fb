//! [`Phase`]: where a Call stands, each variant holding exactly the data
//! valid in it. [`CallState`], [`CallDirection`] and the dialog id are
//! derived from it, never stored beside it.
//!
//! | phase | `CallState` | holds |
//! |---|---|---|
//! | `Idle` | `Idle` | nothing |
//! | `Incoming` | `Incoming` | the remote's INVITE, not yet accepted |
//! | `Outgoing` | `Establishing` (`Terminating` once CANCEL is sent) | our INVITE, its early dialogs and 415 retries |
//! | `Accepted` | `Establishing` (`Terminating` once `terminate` asked for BYE) | the remote's INVITE, answered with our 2xx, waiting for its ACK |
//! | `Established` | `Established` | the confirmed dialog, and the remote's re-INVITE waiting for its ACK |
//! | `Terminated` | `Terminated` | how far the call got (no dialog, or the dialog) |

use super::invite::incoming::IncomingExchange;
use super::invite::outgoing::OutgoingInvite;
use super::{CallDirection, CallState};

/// Where the call stands.
#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per Call, changed in place: boxing the INVITE would add an allocation to every call"
)]
pub(crate) enum Phase {
    /// Nothing sent or received yet.
    Idle,
    /// The remote's initial INVITE waits for `accept` or `decline`.
    Incoming(IncomingExchange),
    /// Our INVITE is out, waiting for its final response.
    Outgoing {
        invite: OutgoingInvite,
        /// `terminate` sent CANCEL (RFC 3261 §9.1): the INVITE's final
        /// response ends the call.
        cancelled: bool,
    },
    /// Our 2xx to the remote's initial INVITE is out: waiting for the ACK
    /// (RFC 3261 §13.3.1.4). The dialog is ours (our tag).
    Accepted {
        exchange: IncomingExchange,
        /// `terminate` was called before the ACK: BYE when it comes.
        bye_after_ack: bool,
    },
    /// The dialog is confirmed (RFC 3261 §12).
    Established(Established),
    /// Over (ended, declined or failed).
    Terminated(Ended),
}

/// The established call.
#[derive(Debug, Clone)]
pub(crate) struct Established {
    pub(crate) dialog: Dialog,
    /// The remote's re-INVITE, answered with our 2xx, waiting for its ACK.
    pub(crate) reinvite: Option<IncomingExchange>,
}

/// A confirmed dialog.
#[derive(Debug, Clone)]
pub(crate) struct Dialog {
    /// The remote To-tag when we called, our tag when we were called.
    pub(crate) id: String,
    pub(crate) origin: Origin,
    /// We sent a re-INVITE in it: a late 2xx to it is ACKed again.
    pub(crate) sent_reinvite: bool,
}

/// Who sent the initial INVITE, with what an outgoing call keeps of it.
#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "held in a Phase variant that is as large anyway"
)]
pub(crate) enum Origin {
    /// We did: the INVITE is kept so that its 2xx retransmissions get the
    /// same ACK and other forks' 2xx get ACK and BYE (RFC 3261 §13.2.2.4).
    Outgoing(OutgoingInvite),
    /// The remote did.
    Incoming,
}

/// How far an ended call got.
#[derive(Debug, Clone)]
pub(crate) enum Ended {
    /// Ended before anything was sent or received.
    Idle,
    /// Ended before a dialog was confirmed (declined, failed, canceled).
    Early(Origin),
    /// Ended after its dialog was confirmed.
    Dialog(Dialog),
}

impl Origin {
    fn direction(&self) -> CallDirection {
        match self {
            Origin::Outgoing(_) => CallDirection::Outgoing,
            Origin::Incoming => CallDirection::Incoming,
        }
    }

    fn invite(&self) -> Option<&OutgoingInvite> {
        match self {
            Origin::Outgoing(invite) => Some(invite),
            Origin::Incoming => None,
        }
    }

    fn invite_mut(&mut self) -> Option<&mut OutgoingInvite> {
        match self {
            Origin::Outgoing(invite) => Some(invite),
            Origin::Incoming => None,
        }
    }
}

impl Dialog {
    /// The dialog our 2xx to the remote's INVITE made, `local_tag` ours.
    pub(crate) fn incoming(local_tag: &str) -> Self {
        Dialog {
            id: local_tag.to_owned(),
            origin: Origin::Incoming,
            sent_reinvite: false,
        }
    }

    /// The dialog of the 2xx with To-tag `tag` answering our `invite`.
    pub(crate) fn outgoing(tag: String, invite: OutgoingInvite) -> Self {
        Dialog {
            id: tag,
            origin: Origin::Outgoing(invite),
            sent_reinvite: false,
        }
    }
}

impl Phase {
    /// The UCMA `CallState` of this phase.
    pub(crate) fn state(&self) -> CallState {
        match self {
            Phase::Idle => CallState::Idle,
            Phase::Incoming(_) => CallState::Incoming,
            Phase::Outgoing {
                cancelled: true, ..
            }
            | Phase::Accepted {
                bye_after_ack: true,
                ..
            } => CallState::Terminating,
            Phase::Outgoing { .. } | Phase::Accepted { .. } => CallState::Establishing,
            Phase::Established(_) => CallState::Established,
            Phase::Terminated(_) => CallState::Terminated,
        }
    }

    /// Who sent the initial INVITE; `None` before either did.
    pub(crate) fn direction(&self) -> Option<CallDirection> {
        match self {
            Phase::Idle | Phase::Terminated(Ended::Idle) => None,
            Phase::Incoming(_) | Phase::Accepted { .. } => Some(CallDirection::Incoming),
            Phase::Outgoing { .. } => Some(CallDirection::Outgoing),
            Phase::Established(Established { dialog, .. })
            | Phase::Terminated(Ended::Dialog(dialog)) => Some(dialog.origin.direction()),
            Phase::Terminated(Ended::Early(origin)) => Some(origin.direction()),
        }
    }

    /// The confirmed dialog (established, or ended after it was).
    pub(crate) fn dialog(&self) -> Option<&Dialog> {
        match self {
            Phase::Established(Established { dialog, .. })
            | Phase::Terminated(Ended::Dialog(dialog)) => Some(dialog),
            _ => None,
        }
    }

    /// The confirmed dialog, mutably.
    pub(crate) fn dialog_mut(&mut self) -> Option<&mut Dialog> {
        match self {
            Phase::Established(Established { dialog, .. })
            | Phase::Terminated(Ended::Dialog(dialog)) => Some(dialog),
            _ => None,
        }
    }

    /// Our initial INVITE, in whatever phase keeps it.
    pub(crate) fn invite(&self) -> Option<&OutgoingInvite> {
        match self {
            Phase::Outgoing { invite, .. } => Some(invite),
            Phase::Established(Established { dialog, .. })
            | Phase::Terminated(Ended::Dialog(dialog)) => dialog.origin.invite(),
            Phase::Terminated(Ended::Early(origin)) => origin.invite(),
            _ => None,
        }
    }

    /// Our initial INVITE, mutably.
    pub(crate) fn invite_mut(&mut self) -> Option<&mut OutgoingInvite> {
        match self {
            Phase::Outgoing { invite, .. } => Some(invite),
            Phase::Established(Established { dialog, .. })
            | Phase::Terminated(Ended::Dialog(dialog)) => dialog.origin.invite_mut(),
            Phase::Terminated(Ended::Early(origin)) => origin.invite_mut(),
            _ => None,
        }
    }

    /// The remote's INVITE or re-INVITE in progress: waiting for `accept`,
    /// or answered and waiting for its ACK.
    pub(crate) fn exchange(&self) -> Option<&IncomingExchange> {
        match self {
            Phase::Incoming(exchange) | Phase::Accepted { exchange, .. } => Some(exchange),
            Phase::Established(established) => established.reinvite.as_ref(),
            _ => None,
        }
    }

    /// The remote's INVITE or re-INVITE in progress, mutably.
    pub(crate) fn exchange_mut(&mut self) -> Option<&mut IncomingExchange> {
        match self {
            Phase::Incoming(exchange) | Phase::Accepted { exchange, .. } => Some(exchange),
            Phase::Established(established) => established.reinvite.as_mut(),
            _ => None,
        }
    }

    /// The exchange whose ACK is awaited (our 2xx answered it).
    pub(crate) fn awaiting_ack(&self) -> Option<&IncomingExchange> {
        match self {
            Phase::Accepted { exchange, .. } => Some(exchange),
            Phase::Established(established) => established.reinvite.as_ref(),
            _ => None,
        }
    }

    /// The phase once the call is over: what it got to is kept (who
    /// called, the dialog, our INVITE for late 2xx). `local_tag` is the
    /// dialog id of an accepted incoming call.
    pub(crate) fn ended(self, local_tag: &str) -> Phase {
        Phase::Terminated(match self {
            Phase::Idle => Ended::Idle,
            Phase::Incoming(_) => Ended::Early(Origin::Incoming),
            Phase::Outgoing { invite, .. } => Ended::Early(Origin::Outgoing(invite)),
            Phase::Accepted { .. } => Ended::Dialog(Dialog::incoming(local_tag)),
            Phase::Established(established) => Ended::Dialog(established.dialog),
            Phase::Terminated(ended) => ended,
        })
    }
}

/// What [`Phase::take_awaited_ack`] took.
pub(crate) enum AwaitedAck {
    /// The initial INVITE's exchange; the phase is now `Established`.
    Initial {
        exchange: IncomingExchange,
        bye_after_ack: bool,
    },
    /// A re-INVITE's exchange.
    Reinvite(IncomingExchange),
}

impl Phase {
    /// Takes the exchange whose ACK is awaited. Our 2xx to the initial
    /// INVITE confirmed the dialog (RFC 3261 §12.1.1): the phase becomes
    /// `Established` with it, `local_tag` its id; what the ACK brings
    /// decides whether it stays so.
    pub(crate) fn take_awaited_ack(&mut self, local_tag: &str) -> Option<AwaitedAck> {
        match self {
            Phase::Accepted { .. } => {
                let established = Phase::Established(Established {
                    dialog: Dialog::incoming(local_tag),
                    reinvite: None,
                });
                match std::mem::replace(self, established) {
                    Phase::Accepted {
                        exchange,
                        bye_after_ack,
                    } => Some(AwaitedAck::Initial {
                        exchange,
                        bye_after_ack,
                    }),
                    _ => None,
                }
            }
            Phase::Established(established) => {
                established.reinvite.take().map(AwaitedAck::Reinvite)
            }
            _ => None,
        }
    }

    /// Our INVITE's 2xx with To-tag `tag` confirmed its dialog: `Outgoing`
    /// becomes `Established`. `false` (nothing changed) in any other phase.
    pub(crate) fn confirm_outgoing(&mut self, tag: &str) -> bool {
        if !matches!(self, Phase::Outgoing { .. }) {
            return false;
        }
        match std::mem::replace(self, Phase::Idle) {
            Phase::Outgoing { invite, .. } => {
                *self = Phase::Established(Established {
                    dialog: Dialog::outgoing(tag.to_owned(), invite),
                    reinvite: None,
                });
                true
            }
            other => {
                *self = other;
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::CallEstablishOptions;
    use crate::offer_answer::{OfferAnswerContext, SdpOfferAnswerReason};

    fn exchange() -> IncomingExchange {
        IncomingExchange {
            ctx: OfferAnswerContext::new(SdpOfferAnswerReason::IncomingCallEstablishment),
            offer: None,
            early_answer: None,
            our_offer: None,
            requires_100rel: false,
        }
    }

    fn invite() -> OutgoingInvite {
        OutgoingInvite {
            options: CallEstablishOptions::new(),
            offer: None,
            last_tree: None,
            retry: Default::default(),
            dialogs: Default::default(),
            acked: false,
            ack_answer: None,
            final_given: false,
        }
    }

    fn outgoing(cancelled: bool) -> Phase {
        Phase::Outgoing {
            invite: invite(),
            cancelled,
        }
    }

    fn accepted(bye_after_ack: bool) -> Phase {
        Phase::Accepted {
            exchange: exchange(),
            bye_after_ack,
        }
    }

    fn established_outgoing() -> Phase {
        Phase::Established(Established {
            dialog: Dialog::outgoing("remote-tag".into(), invite()),
            reinvite: None,
        })
    }

    /// The module's table: each phase's `CallState` and direction, and
    /// which data it holds.
    #[test]
    fn derived_state_direction_and_data_per_phase() {
        use CallDirection::{Incoming, Outgoing};
        let rows: Vec<(Phase, CallState, Option<CallDirection>, bool, bool, bool)> = vec![
            // phase, state, direction, dialog, invite, exchange
            (Phase::Idle, CallState::Idle, None, false, false, false),
            (
                Phase::Incoming(exchange()),
                CallState::Incoming,
                Some(Incoming),
                false,
                false,
                true,
            ),
            (
                outgoing(false),
                CallState::Establishing,
                Some(Outgoing),
                false,
                true,
                false,
            ),
            (
                outgoing(true),
                CallState::Terminating,
                Some(Outgoing),
                false,
                true,
                false,
            ),
            (
                accepted(false),
                CallState::Establishing,
                Some(Incoming),
                false,
                false,
                true,
            ),
            (
                accepted(true),
                CallState::Terminating,
                Some(Incoming),
                false,
                false,
                true,
            ),
            (
                established_outgoing(),
                CallState::Established,
                Some(Outgoing),
                true,
                true,
                false,
            ),
            (
                Phase::Established(Established {
                    dialog: Dialog::incoming("our-tag"),
                    reinvite: Some(exchange()),
                }),
                CallState::Established,
                Some(Incoming),
                true,
                false,
                true,
            ),
            (
                Phase::Terminated(Ended::Idle),
                CallState::Terminated,
                None,
                false,
                false,
                false,
            ),
            (
                Phase::Terminated(Ended::Early(Origin::Outgoing(invite()))),
                CallState::Terminated,
                Some(Outgoing),
                false,
                true,
                false,
            ),
            (
                Phase::Terminated(Ended::Dialog(Dialog::incoming("our-tag"))),
                CallState::Terminated,
                Some(Incoming),
                true,
                false,
                false,
            ),
        ];
        for (i, (phase, state, direction, dialog, inv, exch)) in rows.into_iter().enumerate() {
            assert_eq!(phase.state(), state, "row {i}");
            assert_eq!(phase.direction(), direction, "row {i}");
            assert_eq!(phase.dialog().is_some(), dialog, "row {i}");
            assert_eq!(phase.invite().is_some(), inv, "row {i}");
            assert_eq!(phase.exchange().is_some(), exch, "row {i}");
        }
    }

    /// Ending keeps what the call got to: who called, and the dialog once
    /// there was one (an accepted INVITE's dialog is ours, `local_tag`).
    #[test]
    fn ended_keeps_origin_and_dialog() {
        let ended = accepted(false).ended("our-tag");
        assert_eq!(ended.dialog().map(|d| d.id.as_str()), Some("our-tag"));
        assert_eq!(ended.direction(), Some(CallDirection::Incoming));
        let ended = outgoing(true).ended("our-tag");
        assert!(ended.dialog().is_none());
        assert!(
            ended.invite().is_some(),
            "a late 2xx still finds our INVITE"
        );
        let ended = established_outgoing().ended("our-tag");
        assert_eq!(ended.dialog().map(|d| d.id.as_str()), Some("remote-tag"));
        assert!(matches!(
            Phase::Idle.ended("t"),
            Phase::Terminated(Ended::Idle)
        ));
    }

    /// The ACK of our 2xx to the initial INVITE establishes the dialog; a
    /// second ACK finds nothing awaited (a retransmission, not an error).
    #[test]
    fn awaited_ack_is_taken_once() {
        let mut phase = accepted(true);
        match phase.take_awaited_ack("our-tag") {
            Some(AwaitedAck::Initial { bye_after_ack, .. }) => assert!(bye_after_ack),
            _ => panic!("the initial INVITE's exchange is awaited"),
        }
        assert_eq!(phase.state(), CallState::Established);
        assert_eq!(phase.dialog().map(|d| d.id.as_str()), Some("our-tag"));
        assert!(phase.take_awaited_ack("our-tag").is_none());
        assert!(Phase::Idle.take_awaited_ack("t").is_none());
    }

    /// Only `Outgoing` is confirmed by a 2xx; the dialog id is its To-tag.
    #[test]
    fn confirm_outgoing_only_from_outgoing() {
        let mut phase = outgoing(false);
        assert!(phase.confirm_outgoing("remote-tag"));
        assert_eq!(phase.state(), CallState::Established);
        assert_eq!(phase.dialog().map(|d| d.id.as_str()), Some("remote-tag"));
        assert!(!phase.confirm_outgoing("other"), "already established");
        assert_eq!(phase.dialog().map(|d| d.id.as_str()), Some("remote-tag"));
        let mut incoming = Phase::Incoming(exchange());
        assert!(!incoming.confirm_outgoing("t"));
        assert_eq!(incoming.state(), CallState::Incoming);
    }
}
