//! Early dialogs of our INVITE: one per remote To-tag (RFC 3261 §12.1.2,
//! §13.2.2.4), bounded.

/// Most early dialogs tracked; 1xx from further To-tags are ignored.
pub(crate) const MAX_EARLY_DIALOGS: usize = 8;

/// What one early dialog has done.
#[derive(Debug, Clone, Default)]
pub(crate) struct EarlyDialog {
    /// The remote To-tag.
    pub(crate) tag: String,
    /// The SDP of its last provisional answer given to the provider.
    pub(crate) answer: Option<Vec<u8>>,
    /// The answer came in a reliable 1xx: it is the answer (RFC 3262).
    pub(crate) reliable_answer: bool,
    /// The highest RSeq acknowledged with PRACK.
    pub(crate) last_rseq: Option<u32>,
    /// Third-party call control: its offer in a reliable 1xx, and how the
    /// PRACK answered it.
    pub(crate) offer: ReliableOffer,
}

/// An early dialog's offer in a reliable 1xx (third-party call control),
/// answered in the PRACK (RFC 3262 §5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum ReliableOffer {
    /// None came.
    #[default]
    None,
    /// Answered with the provider's answer.
    Answered,
    /// Answered with every stream rejected: the provider could not accept
    /// it (an offer in a reliable 1xx cannot be declined, RFC 6337 §2.3).
    Rejected,
}

/// The early dialogs, in order of creation.
#[derive(Debug, Clone, Default)]
pub(crate) struct EarlyDialogs {
    dialogs: Vec<EarlyDialog>,
}

impl EarlyDialogs {
    pub(crate) fn get(&self, tag: &str) -> Option<&EarlyDialog> {
        self.dialogs.iter().find(|d| d.tag == tag)
    }

    /// The dialog `tag`, created if there is room.
    pub(crate) fn get_or_insert(&mut self, tag: &str) -> Option<&mut EarlyDialog> {
        let index = match self.dialogs.iter().position(|d| d.tag == tag) {
            Some(i) => i,
            None if self.dialogs.len() < MAX_EARLY_DIALOGS => {
                self.dialogs.push(EarlyDialog {
                    tag: tag.to_owned(),
                    ..EarlyDialog::default()
                });
                self.dialogs.len() - 1
            }
            None => return None,
        };
        self.dialogs.get_mut(index)
    }

    /// Whether some dialog's offer (third-party call control) was answered
    /// with the provider's answer.
    pub(crate) fn offer_taken(&self) -> bool {
        self.dialogs
            .iter()
            .any(|d| d.offer == ReliableOffer::Answered)
    }

    /// Whether a reliable answer arrived on some dialog.
    pub(crate) fn any_reliable_answer(&self) -> bool {
        self.dialogs.iter().any(|d| d.reliable_answer)
    }

    /// The first dialog whose reliable 1xx answered our offer.
    pub(crate) fn first_reliable(&self) -> Option<&EarlyDialog> {
        self.dialogs.iter().find(|d| d.reliable_answer)
    }

    pub(crate) fn clear(&mut self) {
        self.dialogs.clear();
    }
}
