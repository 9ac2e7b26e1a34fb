//! Bearer tokens and their scopes (`--token TOKEN=Scope,Scope`).
//!
//! | request | scope needed |
//! |---|---|
//! | GET (resources, events) | `Conversations.Receive` or `Conversations.Initiate` |
//! | POST `answer`, `dismiss` (the remote's renegotiation) | `Conversations.Receive` |
//! | POST `renegotiations` (start ours) | `Conversations.Initiate` |
//!
//! No or an unknown token → 401 with `WWW-Authenticate: Bearer`; a known
//! token without the scope → 403.

use std::collections::HashMap;

use axum::http::HeaderMap;

/// Scope to answer and dismiss the remote's renegotiations.
pub const RECEIVE: &str = "Conversations.Receive";
/// Scope to start our own.
pub const INITIATE: &str = "Conversations.Initiate";

/// Token → scopes.
#[derive(Debug, Clone, Default)]
pub struct Tokens(HashMap<String, Vec<String>>);

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// 401: no or unknown token.
    Unauthorized,
    /// 403: the token lacks the scope.
    Forbidden,
}

impl Tokens {
    /// Reads `TOKEN=Scope,Scope` arguments.
    pub fn parse(args: &[String]) -> Result<Tokens, String> {
        let mut map = HashMap::new();
        for arg in args {
            let (token, scopes) = arg
                .split_once('=')
                .ok_or_else(|| format!("--token {arg:?}: expected TOKEN=Scope,Scope"))?;
            if token.is_empty() {
                return Err("--token: empty token".into());
            }
            let scopes = scopes
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            map.insert(token.to_owned(), scopes.collect());
        }
        Ok(Tokens(map))
    }

    /// Checks the request's bearer token for any of `scopes`.
    pub fn check(&self, headers: &HeaderMap, scopes: &[&str]) -> Result<(), Denied> {
        let token = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, rest) = v.split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .ok_or(Denied::Unauthorized)?;
        let granted = self.0.get(token).ok_or(Denied::Unauthorized)?;
        if scopes.iter().any(|s| granted.iter().any(|g| g == s)) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bearer(token: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::AUTHORIZATION,
            format!("Bearer {token}").parse().unwrap(),
        );
        h
    }

    #[test]
    fn scopes_map_to_401_and_403() {
        let tokens = Tokens::parse(&[
            "a=Conversations.Receive".into(),
            "b=Conversations.Initiate".into(),
        ])
        .unwrap();
        assert_eq!(
            tokens.check(&HeaderMap::new(), &[RECEIVE]),
            Err(Denied::Unauthorized)
        );
        assert_eq!(
            tokens.check(&bearer("zz"), &[RECEIVE]),
            Err(Denied::Unauthorized)
        );
        assert_eq!(tokens.check(&bearer("a"), &[RECEIVE]), Ok(()));
        assert_eq!(
            tokens.check(&bearer("a"), &[INITIATE]),
            Err(Denied::Forbidden)
        );
        assert_eq!(tokens.check(&bearer("b"), &[RECEIVE, INITIATE]), Ok(()));
        assert!(Tokens::parse(&["no-equals".into()]).is_err());
    }
}
