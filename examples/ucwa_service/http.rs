//! The REST resources and the event channel (axum handlers). Every handler
//! checks the bearer token first, then the representation; the Engine lock
//! is never held across an `.await`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use sdp_offer_answer::call::{CallError, CallState, RenegotiationAnswer};
use sdp_offer_answer::renegotiation::ReNegotiationDeclineReason;
use sdp_offer_answer::renegotiation::ucwa::{DismissInput, UcwaErrorBody, UcwaErrorKind};
use sdp_offer_answer::sdp::SessionDescription;

use crate::auth::{Denied, INITIATE, RECEIVE, Tokens};
use crate::hub::Hub;
use crate::minimal;
use crate::paths::Paths;
use crate::repr::{ApiError, Repr, ok};
use crate::sip::{Engine, Leg};

/// Request bodies are capped at 64 KiB (an SDP or a small JSON/XML input).
pub const MAX_REQUEST_BODY: usize = 64 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The SIP side.
    pub engine: Arc<Mutex<Engine>>,
    /// The event queue.
    pub hub: Arc<Hub>,
    /// Accepted tokens.
    pub tokens: Tokens,
    /// The application id in the paths.
    pub app: String,
    /// The URLs.
    pub paths: Paths,
    /// Longest wait of one events GET.
    pub poll: Duration,
}

type Conv = Path<(String, String)>;
/// A request body, or why it could not be read (over the limit: 413).
type Body = Result<Bytes, axum::extract::rejection::BytesRejection>;
type Op = Path<(String, String, String)>;

/// The router.
pub fn router(state: AppState) -> Router {
    let conv = "/ucwa/v1/applications/{app}/communication/conversations/{conv}";
    let session = format!("{conv}/audioVideo/audioVideoSession");
    let op = format!("{session}/renegotiations/{{op}}");
    Router::new()
        .route("/", get(|| async { Html(crate::page::PAGE) }))
        .route("/ucwa/v1/applications/{app}/events", get(events))
        .route(conv, get(get_conversation))
        .route(&session, get(get_session))
        .route(&format!("{session}/renegotiations"), post(start))
        .route(&op, get(get_renegotiation))
        .route(&format!("{op}/answer"), post(answer))
        .route(&format!("{op}/dismiss"), post(dismiss))
        .fallback(|headers: HeaderMap| async move {
            ApiError::not_found("resource").response(Repr::for_error(&headers))
        })
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BODY))
        .with_state(state)
}

/// Auth, then the application id; the representation of the answer.
/// (The refusal is the ready response: no need to box it, it is the end.)
#[allow(clippy::result_large_err)]
fn guard(
    s: &AppState,
    headers: &HeaderMap,
    app: &str,
    scopes: &[&str],
    get: bool,
) -> Result<Repr, Response> {
    let repr = Repr::for_error(headers);
    match s.tokens.check(headers, scopes) {
        Ok(()) => {}
        Err(Denied::Unauthorized) => {
            return Err(ApiError::Http(
                401,
                "Unauthorized",
                "A valid bearer token is required.".into(),
            )
            .response(repr));
        }
        Err(Denied::Forbidden) => {
            let message = format!("The token lacks the scope {}.", scopes.join(" or "));
            return Err(ApiError::Http(403, "Forbidden", message).response(repr));
        }
    }
    if app != s.app {
        return Err(ApiError::not_found("application").response(repr));
    }
    if get {
        return Repr::from_accept(headers).ok_or_else(|| {
            let message = "Only application/json and application/xml are served.";
            ApiError::Http(406, "NotAcceptable", message.into()).response(Repr::Json)
        });
    }
    Ok(repr)
}

/// The body's media type, lowercased, without parameters (`""` if none).
fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// A body that could not be read (over [`MAX_REQUEST_BODY`], or cut off).
fn too_large(e: &axum::extract::rejection::BytesRejection) -> ApiError {
    let status = e.status().as_u16();
    let code = if status == 413 {
        "RequestEntityTooLarge"
    } else {
        "BadRequest"
    };
    ApiError::Http(status, code, e.body_text())
}

fn unsupported(what: &str) -> ApiError {
    ApiError::Http(
        415,
        "UnsupportedMediaType",
        format!("The body must be {what}."),
    )
}

/// Runs `f` on the live leg of conversation `conv`, then sends what it asked for.
fn with_leg<T>(
    s: &AppState,
    conv: &str,
    f: impl FnOnce(&mut Leg, Instant) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut engine = s.engine.lock().map_err(|_| {
        ApiError::Ucwa(UcwaErrorBody::new(
            UcwaErrorKind::ServiceFailure,
            "poisoned",
        ))
    })?;
    let now = Instant::now();
    let leg = engine
        .leg(conv)
        .ok_or_else(|| ApiError::not_found("conversation"))?;
    let result = f(leg, now);
    engine.drain(now);
    result
}

/// A Call's refusal as a UCWA error.
fn call_error(e: &CallError) -> ApiError {
    match e.ucwa_error() {
        Some(body) => ApiError::Ucwa(body),
        None if matches!(e, CallError::InvalidState { .. }) => {
            ApiError::Ucwa(UcwaErrorBody::new(UcwaErrorKind::Conflict, e.to_string()))
        }
        None => ApiError::bad_request(e.to_string()),
    }
}

fn live(leg: &Leg) -> Result<(), ApiError> {
    if leg.call.state() == CallState::Terminated {
        Err(ApiError::gone())
    } else {
        Ok(())
    }
}

async fn get_conversation(
    State(s): State<AppState>,
    Path((app, conv)): Conv,
    headers: HeaderMap,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[RECEIVE, INITIATE], true) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let result = with_leg(&s, &conv, |leg, _| {
        Ok(minimal::conversation(
            &s.paths,
            &conv,
            leg.call.state(),
            repr,
        ))
    });
    match result {
        Ok(body) => ok(StatusCode::OK, repr, body),
        Err(e) => e.response(repr),
    }
}

async fn get_session(
    State(s): State<AppState>,
    Path((app, conv)): Conv,
    headers: HeaderMap,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[RECEIVE, INITIATE], true) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let result = with_leg(&s, &conv, |leg, _| {
        Ok(minimal::session(&s.paths, &conv, leg.call.state(), repr))
    });
    match result {
        Ok(body) => ok(StatusCode::OK, repr, body),
        Err(e) => e.response(repr),
    }
}

async fn get_renegotiation(
    State(s): State<AppState>,
    Path((app, conv, op)): Op,
    headers: HeaderMap,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[RECEIVE, INITIATE], true) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let href = s.paths.renegotiation(&conv, &op);
    let result = with_leg(&s, &conv, |leg, _| {
        let resource = leg
            .call
            .renegotiation_resource(&op, href)
            .ok_or_else(|| ApiError::not_found("renegotiation"))?;
        let resource = resource
            .with_audio_video_session(s.paths.session(&conv))
            .with_conversation(s.paths.conversation(&conv));
        Ok(match repr {
            Repr::Json => resource.to_json(),
            Repr::Xml => resource.to_xml(),
        })
    });
    match result {
        Ok(body) => ok(StatusCode::OK, repr, body),
        Err(e) => e.response(repr),
    }
}

async fn answer(
    State(s): State<AppState>,
    Path((app, conv, op)): Op,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[RECEIVE], false) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => return too_large(&e).response(repr),
    };
    let answer = if body.is_empty() {
        RenegotiationAnswer::Provider
    } else if content_type(&headers) == "application/sdp" {
        RenegotiationAnswer::Sdp(body.to_vec())
    } else {
        return unsupported("empty or application/sdp").response(repr);
    };
    let own = matches!(answer, RenegotiationAnswer::Sdp(_));
    let result = with_leg(&s, &conv, |leg, now| {
        live(leg)?;
        leg.call
            .answer_renegotiation(&op, answer, now)
            .map_err(|e| match e {
                CallError::Provider(p) if own => {
                    ApiError::bad_request(format!("The answer does not fit the offer: {p}"))
                }
                e => call_error(&e),
            })
    });
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.response(repr),
    }
}

async fn dismiss(
    State(s): State<AppState>,
    Path((app, conv, op)): Op,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[RECEIVE], false) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => return too_large(&e).response(repr),
    };
    let text = String::from_utf8_lossy(&body);
    let reason = match content_type(&headers).as_str() {
        _ if body.is_empty() => Ok(ReNegotiationDeclineReason::Unknown),
        "application/json" => DismissInput::from_json(&text).map(|i| i.reason),
        "application/xml" => DismissInput::from_xml(&text).map(|i| i.reason),
        _ => return unsupported("application/json or application/xml").response(repr),
    };
    let reason = match reason {
        Ok(r) => r,
        Err(e) => return ApiError::bad_request(e.to_string()).response(repr),
    };
    let result = with_leg(&s, &conv, |leg, now| {
        live(leg)?;
        leg.call
            .dismiss_renegotiation(&op, reason, now)
            .map_err(|e| call_error(&e))
    });
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.response(repr),
    }
}

async fn start(
    State(s): State<AppState>,
    Path((app, conv)): Conv,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[INITIATE], false) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => return too_large(&e).response(repr),
    };
    if content_type(&headers) != "application/sdp" {
        return unsupported("application/sdp").response(repr);
    }
    let checked = std::str::from_utf8(&body)
        .map_err(|e| e.to_string())
        .and_then(|t| SessionDescription::parse(t).map_err(|e| e.to_string()));
    if let Err(e) = checked {
        return ApiError::bad_request(format!("The offer is not SDP: {e}")).response(repr);
    }
    let result = with_leg(&s, &conv, |leg, now| {
        live(leg)?;
        leg.call.provider_mut().next_offer = Some(body.to_vec());
        let op = leg.call.begin_renegotiation(now);
        leg.call.provider_mut().next_offer = None;
        let op = op.map_err(|e| call_error(&e))?;
        let href = s.paths.renegotiation(&conv, &op);
        let resource = leg
            .call
            .renegotiation_resource(&op, href.clone())
            .ok_or_else(|| ApiError::not_found("renegotiation"))?;
        let resource = resource
            .with_audio_video_session(s.paths.session(&conv))
            .with_conversation(s.paths.conversation(&conv));
        Ok((
            href,
            match repr {
                Repr::Json => resource.to_json(),
                Repr::Xml => resource.to_xml(),
            },
        ))
    });
    match result {
        Ok((href, body)) => {
            let mut response = ok(StatusCode::CREATED, repr, body);
            if let Ok(v) = href.parse() {
                response.headers_mut().insert(header::LOCATION, v);
            }
            response
        }
        Err(e) => e.response(repr),
    }
}

async fn events(
    State(s): State<AppState>,
    Path(app): Path<String>,
    Query(query): Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let repr = match guard(&s, &headers, &app, &[RECEIVE, INITIATE], true) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let ack = match query.get("ack").map(|a| a.parse::<u64>()) {
        None => 1,
        Some(Ok(a)) if a >= 1 => a,
        Some(_) => return ApiError::bad_request("ack must be a number from 1").response(repr),
    };
    let body = crate::minimal::wait_page(&s.hub, &s.paths, ack, s.poll, repr).await;
    ok(StatusCode::OK, repr, body)
}
