//! Properties: parsing never panics on any input; build → parse gives the
//! tree back for any (bounded) tree.

use proptest::prelude::*;
use sdp_offer_answer::body::{
    BodyLimits, BoundaryGenerator, ContentDisposition, DispositionType, Handling, MessageBody,
    MimePart, UnderstoodMedia, parse_body, select_session_parts,
};

/// Pieces that make the parser walk its interesting paths.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"--b".to_vec()),
        Just(b"--b--".to_vec()),
        Just(b"--c".to_vec()),
        Just(b"--c--".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b" \t".to_vec()),
        Just(b"Content-Type: multipart/mixed;boundary=c\r\n".to_vec()),
        Just(b"Content-Type: multipart/alternative; boundary=\"b\"\r\n".to_vec()),
        Just(b"Content-Type: application/sdp\r\n".to_vec()),
        Just(b"Content-Type: ;;\r\n".to_vec()),
        Just(b"Content-Disposition: session;handling=optional\r\n".to_vec()),
        Just(b"Content-Disposition: x;a=\"\r\n".to_vec()),
        Just(b" folded\r\n".to_vec()),
        Just(b"v=0\r\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ]
}

fn content_type() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("multipart/mixed;boundary=b".to_owned()),
        Just("multipart/alternative; boundary=\"b\"".to_owned()),
        Just("multipart/mixed".to_owned()),
        Just("application/sdp".to_owned()),
        "[ -~]{0,40}",
        "multipart/[a-z]{1,5};boundary=[ -~]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(
        ct in content_type(),
        body in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        if let Ok(tree) = parse_body(&ct, &body, &BodyLimits::default()) {
            let _ = select_session_parts(&tree, &UnderstoodMedia::sdp());
        }
    }

    #[test]
    fn parse_never_panics_on_multipart_like_bytes(
        ct in content_type(),
        pieces in proptest::collection::vec(fragment(), 0..40),
    ) {
        let body: Vec<u8> = pieces.concat();
        if let Ok(tree) = parse_body(&ct, &body, &BodyLimits::default()) {
            let _ = select_session_parts(&tree, &UnderstoodMedia::sdp());
        }
    }
}

fn leaf_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("application/sdp"),
        Just("text/plain"),
        Just("text/plain;charset=utf-8"),
        Just("application/x-custom;a=1;b=\"two words\""),
        Just("application/octet-stream"),
    ]
}

fn disposition() -> impl Strategy<Value = Option<ContentDisposition>> {
    let ty = prop_oneof![
        Just(DispositionType::Session),
        Just(DispositionType::Render),
        Just(DispositionType::EarlySession),
        Just(DispositionType::Other("signal".to_owned())),
    ];
    let handling = prop_oneof![
        Just(None),
        Just(Some(Handling::Optional)),
        Just(Some(Handling::Required))
    ];
    let extra = proptest::option::of("[ -~]{0,12}");
    proptest::option::of((ty, handling, extra).prop_map(|(ty, handling, extra)| {
        let mut d = ContentDisposition::new(ty);
        if let Some(h) = handling {
            d = d.with_handling(h);
        }
        if let Some(v) = extra {
            d = d.with_param("x-note", &v);
        }
        d
    }))
}

/// Header values survive only without leading/trailing whitespace (parsing
/// trims them, as RFC 5322 unstructured values allow).
fn header_value() -> impl Strategy<Value = String> {
    "([!-~]([ -~]{0,10}[!-~])?)?"
}

fn decorate(part: MimePart) -> impl Strategy<Value = MimePart> {
    (
        disposition(),
        proptest::option::of("<[a-z0-9]{1,8}@example\\.com>"),
        proptest::collection::vec(
            (
                prop_oneof![
                    Just("Content-Language"),
                    Just("X-Custom"),
                    Just("MIME-Version")
                ],
                header_value(),
            ),
            0..2,
        ),
    )
        .prop_map(move |(d, id, headers)| {
            let mut p = part.clone();
            if let Some(d) = d {
                p = p.with_content_disposition(d);
            }
            if let Some(id) = id {
                p = p.with_content_id(id);
            }
            for (n, v) in headers {
                p = p.with_header(n, v);
            }
            p
        })
}

fn leaf() -> impl Strategy<Value = MimePart> {
    (leaf_type(), proptest::collection::vec(any::<u8>(), 0..64))
        .prop_map(|(ty, body)| MimePart::single(ty.parse().unwrap(), body).unwrap())
        .prop_flat_map(decorate)
}

fn tree() -> impl Strategy<Value = MimePart> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        let kind = prop_oneof![
            Just("multipart/mixed"),
            Just("multipart/alternative"),
            Just("multipart/related;type=\"application/sdp\""),
        ];
        (kind, proptest::collection::vec(inner, 1..4))
            .prop_map(|(kind, parts)| MimePart::multipart(kind.parse().unwrap(), parts).unwrap())
            .prop_flat_map(decorate)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn build_then_parse_round_trips(root in tree(), seed in any::<u64>()) {
        let built = MessageBody::build(&root, &mut BoundaryGenerator::new(seed)).unwrap();
        let limits = BodyLimits { max_parts: 64, ..BodyLimits::default() };
        let back = built.parse(&limits).unwrap();
        prop_assert_eq!(back, root);
    }
}
