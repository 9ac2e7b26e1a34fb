//! The dialog state the transport keeps for one call (RFC 3261 §12):
//! Call-ID, tags, CSeq numbers, the remote target and the peer's address.
//! It writes the transport headers (Via, Max-Forwards, From, To, Call-ID,
//! CSeq, Contact) of every request and response of the call; the
//! offer/answer headers and the body come from the Call (`mapping.rs`).

use std::net::SocketAddr;

use ezk_sip_types::Name;
use ezk_sip_types::uri::SipUri;

use super::message::{Message, without_tag};

/// Our side of the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// We sent the INVITE.
    Uac,
    /// We received it.
    Uas,
}

/// `User-Agent` / `Server` of our messages.
pub const AGENT: &str = "sdp-offer-answer sip_ua";

/// What `Allow` lists.
pub const ALLOW: &str = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK";

/// One call's dialog (or dialog-to-be).
#[derive(Debug, Clone)]
pub struct Dialog {
    /// Who sent the INVITE.
    pub role: Role,
    /// The Call-ID.
    pub call_id: String,
    /// Our URI as name-addr, without tag (From of a UAC, To of a UAS).
    pub local_uri: String,
    /// Our tag.
    pub local_tag: String,
    /// The remote URI as name-addr, without tag.
    pub remote_uri: String,
    /// The remote tag, once known.
    pub remote_tag: Option<String>,
    /// Where in-dialog requests go (the remote Contact).
    pub remote_target: SipUri,
    /// The peer's socket address (everything is on loopback: no DNS, no
    /// Record-Route).
    pub peer: SocketAddr,
    /// Our socket address.
    pub local_addr: SocketAddr,
    /// The CSeq number of our last request.
    pub local_cseq: u32,
    /// The CSeq number of our last INVITE (its ACK, CANCEL and PRACK's
    /// RAck use it).
    pub invite_cseq: u32,
    branch_seed: u64,
    branches: u64,
}

impl Dialog {
    /// The dialog of a call we place to `target` at `peer`.
    pub fn outgoing(
        call_id: String,
        local_addr: SocketAddr,
        target: SipUri,
        peer: SocketAddr,
        local_tag: String,
        seed: u64,
    ) -> Dialog {
        use ezk_sip_types::print::AppendCtx;
        Dialog {
            role: Role::Uac,
            call_id,
            local_uri: format!("<sip:sdpoa@{local_addr}>"),
            local_tag,
            remote_uri: format!("<{}>", target.default_print_ctx()),
            remote_tag: None,
            remote_target: target,
            peer,
            local_addr,
            local_cseq: (seed % 10_000) as u32 + 1,
            invite_cseq: 0,
            branch_seed: seed,
            branches: 0,
        }
    }

    /// The dialog of an INVITE we received from `peer`; `None` when it
    /// lacks From, To or Call-ID.
    pub fn incoming(
        invite: &Message,
        local_tag: String,
        local_addr: SocketAddr,
        peer: SocketAddr,
        seed: u64,
    ) -> Option<Dialog> {
        let from = invite.sender()?;
        let to = invite.to_header()?;
        let remote_target = invite.contact_uri().unwrap_or_else(|| from.uri.uri.clone());
        Some(Dialog {
            role: Role::Uas,
            call_id: invite.call_id()?,
            local_uri: without_tag(&to),
            local_tag,
            remote_uri: without_tag(&from),
            remote_tag: from.tag.as_ref().map(|t| t.to_string()),
            remote_target,
            peer,
            local_addr,
            local_cseq: (seed % 10_000) as u32 + 1,
            invite_cseq: 0,
            branch_seed: seed,
            branches: 0,
        })
    }

    /// Our Contact.
    pub fn contact(&self) -> String {
        format!("<sip:sdpoa@{}>", self.local_addr)
    }

    fn new_branch(&mut self) -> String {
        self.branches += 1;
        format!("z9hG4bK-sdpoa-{:x}-{}", self.branch_seed, self.branches)
    }

    /// A request `method` of this call with its transport headers.
    /// `to_tag` is the remote tag the Call names (requests of a UAC); a
    /// CANCEL copies `pending_invite` (RFC 3261 §9.1). `None` for a CANCEL
    /// with nothing to cancel.
    pub fn request(
        &mut self,
        method: &str,
        to_tag: Option<&str>,
        pending_invite: Option<&Message>,
    ) -> Option<Message> {
        if method == "CANCEL" {
            return cancel_for(pending_invite?);
        }
        let cseq = match method {
            "ACK" => self.invite_cseq,
            _ => {
                self.local_cseq += 1;
                self.local_cseq
            }
        };
        if method == "INVITE" {
            self.invite_cseq = cseq;
        }
        let branch = self.new_branch();
        let mut request = Message::request(method, self.remote_target.clone());
        let h = &mut request.headers;
        h.insert(
            Name::VIA,
            format!("SIP/2.0/UDP {};branch={branch};rport", self.local_addr),
        );
        h.insert(Name::MAX_FORWARDS, "70");
        h.insert(
            Name::FROM,
            format!("{};tag={}", self.local_uri, self.local_tag),
        );
        let remote_tag = match self.role {
            Role::Uac => to_tag.map(str::to_owned),
            Role::Uas => self.remote_tag.clone(),
        };
        match remote_tag {
            Some(tag) => h.insert(Name::TO, format!("{};tag={tag}", self.remote_uri)),
            None => h.insert(Name::TO, self.remote_uri.clone()),
        }
        h.insert(Name::CALL_ID, self.call_id.clone());
        h.insert(Name::CSEQ, format!("{cseq} {method}"));
        if matches!(method, "INVITE" | "UPDATE") {
            h.insert(Name::CONTACT, self.contact());
            h.insert(Name::ALLOW, ALLOW);
        }
        h.insert(Name::USER_AGENT, AGENT);
        Some(request)
    }

    /// A response `status` to `request` (RFC 3261 §8.2.6.2): its Vias,
    /// From, Call-ID and CSeq; its To with `to_tag` added (not on a 100).
    pub fn response(&self, request: &Message, status: u16, to_tag: Option<&str>) -> Message {
        response_to(request, status, to_tag, Some(&self.contact()))
    }

    /// Learns the remote tag and target from a response to our INVITE.
    pub fn learn_from_response(&mut self, response: &Message) {
        let Some(status) = response.status() else {
            return;
        };
        if !(101..300).contains(&status) {
            return;
        }
        if let Some(tag) = response.to_header().and_then(|t| t.tag)
            && (status >= 200 || self.remote_tag.is_none())
        {
            self.remote_tag = Some(tag.to_string());
        }
        if let Some(contact) = response.contact_uri() {
            self.remote_target = contact;
        }
    }
}

/// A response `status` to `request` with its reason phrase (RFC 3261
/// §8.2.6.2). `contact` goes on 1xx (not 100) and 2xx to INVITE, and 2xx
/// to UPDATE.
pub fn response_to(
    request: &Message,
    status: u16,
    to_tag: Option<&str>,
    contact: Option<&str>,
) -> Message {
    let reason = sdp_offer_answer::call::reason_phrase(status);
    let mut response = Message::response(status, reason);
    let h = &mut response.headers;
    for via in request.headers.get_raw(&Name::VIA) {
        h.insert(Name::VIA, via.to_string());
    }
    if let Some(from) = request.header(&Name::FROM) {
        h.insert(Name::FROM, from.to_owned());
    }
    if let Some(to) = request.header(&Name::TO) {
        let has_tag = request.to_header().is_some_and(|t| t.tag.is_some());
        match to_tag {
            Some(tag) if !has_tag && status != 100 => h.insert(Name::TO, format!("{to};tag={tag}")),
            _ => h.insert(Name::TO, to.to_owned()),
        }
    }
    for name in [Name::CALL_ID, Name::CSEQ] {
        if let Some(v) = request.header(&name) {
            h.insert(name, v.to_owned());
        }
    }
    let method = request.method().unwrap_or_default();
    let dialog_creating = (method == "INVITE" && status > 100 && status < 300)
        || (method == "UPDATE" && (200..300).contains(&status));
    if let (true, Some(contact)) = (dialog_creating, contact) {
        h.insert(Name::CONTACT, contact.to_owned());
    }
    if method == "INVITE" && (200..300).contains(&status) || method == "OPTIONS" {
        h.insert(Name::ALLOW, ALLOW);
    }
    h.insert(Name::SERVER, AGENT);
    response
}

/// The CANCEL of `invite` (RFC 3261 §9.1): same Request-URI, top Via,
/// From, To, Call-ID and CSeq number.
fn cancel_for(invite: &Message) -> Option<Message> {
    let mut cancel = Message::request("CANCEL", invite.request_uri()?.clone());
    let h = &mut cancel.headers;
    h.insert(Name::VIA, invite.header(&Name::VIA)?.to_owned());
    h.insert(Name::MAX_FORWARDS, "70");
    h.insert(Name::FROM, invite.header(&Name::FROM)?.to_owned());
    h.insert(Name::TO, invite.header(&Name::TO)?.to_owned());
    h.insert(Name::CALL_ID, invite.header(&Name::CALL_ID)?.to_owned());
    let (cseq, _) = invite.cseq()?;
    h.insert(Name::CSEQ, format!("{cseq} CANCEL"));
    h.insert(Name::USER_AGENT, AGENT);
    Some(cancel)
}
