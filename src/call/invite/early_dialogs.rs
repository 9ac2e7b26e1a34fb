//! Early dialogs of our INVITE: one per remote To-tag (RFC 3261 §12.1.2,
//! §13.2.2.4), bounded.

/// Most early dialogs tracked; 1xx from further To-tags are ignored.
pub(crate) const MAX_EARLY_DIALOGS: usize = 8;

/// What one early dialog has done.
#[derive(Debug, Clone, Default)]
pub(crate) struct EarlyDialog {
    /// The remote To-tag.
    pub(crate) tag: String,
    /// Its last provisional answer given to the provider.
    pub(crate) answer: EarlyAnswer,
    /// The highest RSeq acknowledged with PRACK.
    pub(crate) last_rseq: Option<u32>,
    /// Third-party call control: its offer in a reliable 1xx, and how the
    /// PRACK answered it.
    pub(crate) offer: ReliableOffer,
}

/// The answer an early dialog's 1xx carried to our INVITE's offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum EarlyAnswer {
    /// None yet.
    #[default]
    None,
    /// In an unreliable 1xx: a preview the 2xx may replace (RFC 3261
    /// §13.2.1, RFC 6337 §3.1).
    Provisional(Vec<u8>),
    /// In a reliable 1xx: the answer (RFC 3262 §5); later ones repeat it.
    Reliable(Vec<u8>),
}

impl EarlyAnswer {
    /// The answer's SDP, if one came.
    pub(crate) fn sdp(&self) -> Option<&[u8]> {
        match self {
            EarlyAnswer::None => None,
            EarlyAnswer::Provisional(sdp) | EarlyAnswer::Reliable(sdp) => Some(sdp),
        }
    }

    /// Whether it came in a reliable 1xx.
    pub(crate) fn is_reliable(&self) -> bool {
        matches!(self, EarlyAnswer::Reliable(_))
    }
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
        self.dialogs.iter().any(|d| d.answer.is_reliable())
    }

    /// The first dialog whose reliable 1xx answered our offer.
    pub(crate) fn first_reliable(&self) -> Option<&EarlyDialog> {
        self.dialogs.iter().find(|d| d.answer.is_reliable())
    }

    pub(crate) fn clear(&mut self) {
        self.dialogs.clear();
    }
}
