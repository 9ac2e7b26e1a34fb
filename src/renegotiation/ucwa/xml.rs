//! A small, bounded XML reader into an element tree, and the writing helpers
//! for UCWA's XML shapes.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;
use quick_xml::writer::Writer;

use super::{MAX_XML_DEPTH, UCWA_NAMESPACE, UcwaError, check_len};

/// One XML element: local name, attributes (by qualified name), child
/// elements and the concatenation of its direct text.
#[derive(Debug, Default)]
pub(super) struct Element {
    pub(super) name: String,
    attrs: Vec<(String, String)>,
    pub(super) children: Vec<Element>,
    pub(super) text: String,
}

impl Element {
    /// The value of the attribute with this (unprefixed) name.
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The children with this local name.
    pub(super) fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The only child with this local name, if any.
    pub(super) fn unique_child(&self, name: &'static str) -> Result<Option<&Element>, UcwaError> {
        let mut found = self.children_named(name);
        let first = found.next();
        if found.next().is_some() {
            return Err(UcwaError::Duplicate(name));
        }
        Ok(first)
    }

    /// The text with XML whitespace trimmed.
    pub(super) fn trimmed_text(&self) -> &str {
        self.text
            .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
    }
}

/// Parses a bounded XML document whose root must be `root` (local name) in
/// the UCWA default namespace or none.
pub(super) fn parse_root(body: &str, root: &'static str) -> Result<Element, UcwaError> {
    check_len(body)?;
    let element = parse(body)?;
    if element.name != root {
        return Err(UcwaError::UnexpectedElement {
            expected: root,
            found: element.name,
        });
    }
    match element.attr("xmlns") {
        None => {}
        // Microsoft's current pages spell the namespace with https.
        Some(ns) if ns == UCWA_NAMESPACE || ns == UCWA_NAMESPACE_HTTPS => {}
        Some(ns) => {
            return Err(UcwaError::WrongNamespace {
                found: ns.to_owned(),
            });
        }
    }
    Ok(element)
}

fn xml_error(e: impl std::fmt::Display) -> UcwaError {
    UcwaError::Xml(e.to_string())
}

fn parse(body: &str) -> Result<Element, UcwaError> {
    let mut reader = Reader::from_str(body);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(start) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(UcwaError::XmlTooDeep {
                        limit: MAX_XML_DEPTH,
                    });
                }
                if root.is_some() {
                    return Err(UcwaError::Xml("content after the root element".into()));
                }
                stack.push(element(&start)?);
            }
            Event::Empty(start) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(UcwaError::XmlTooDeep {
                        limit: MAX_XML_DEPTH,
                    });
                }
                attach(element(&start)?, &mut stack, &mut root)?;
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .ok_or_else(|| UcwaError::Xml("unmatched end tag".into()))?;
                attach(done, &mut stack, &mut root)?;
            }
            Event::Text(text) => {
                let text = text.xml10_content().map_err(xml_error)?;
                append_text(&mut stack, &text)?;
            }
            Event::CData(cdata) => {
                let text = cdata.xml10_content().map_err(xml_error)?;
                append_text(&mut stack, &text)?;
            }
            Event::GeneralRef(reference) => {
                let resolved: Cow<'_, str> =
                    match reference.resolve_char_ref().map_err(xml_error)? {
                        Some(c) => Cow::Owned(c.to_string()),
                        None => {
                            let name = reference.decode().map_err(xml_error)?;
                            let value = resolve_predefined_entity(&name).ok_or_else(|| {
                                UcwaError::Xml(format!("unknown entity &{name};"))
                            })?;
                            Cow::Borrowed(value)
                        }
                    };
                append_text(&mut stack, &resolved)?;
            }
            Event::DocType(_) => return Err(UcwaError::Xml("DTDs are not accepted".into())),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(UcwaError::Xml("unclosed element at end of input".into()));
    }
    root.ok_or_else(|| UcwaError::Xml("no root element".into()))
}

fn element(start: &BytesStart<'_>) -> Result<Element, UcwaError> {
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(xml_error)?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .decoded_and_normalized_value(XmlVersion::Implicit1_0, start.decoder())
            .map_err(xml_error)?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        ..Element::default()
    })
}

fn attach(
    element: Element,
    stack: &mut [Element],
    root: &mut Option<Element>,
) -> Result<(), UcwaError> {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(element);
        Ok(())
    } else if root.is_none() {
        *root = Some(element);
        Ok(())
    } else {
        Err(UcwaError::Xml("more than one root element".into()))
    }
}

fn append_text(stack: &mut [Element], text: &str) -> Result<(), UcwaError> {
    match stack.last_mut() {
        Some(top) => {
            top.text.push_str(text);
            Ok(())
        }
        None if text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n')) => Ok(()),
        None => Err(UcwaError::Xml("text outside the root element".into())),
    }
}

/// The UCWA namespace as Microsoft's current pages spell it (accepted on
/// input; [`UCWA_NAMESPACE`] is written).
const UCWA_NAMESPACE_HTTPS: &str = "https://schemas.microsoft.com/rtc/2012/03/ucwa";

/// Writes UCWA's XML shapes with quick-xml's [`Writer`]: compact, a
/// document starting with the XML declaration UCWA's samples carry
/// ([`XmlWriter::document`]). Values are escaped here (see [`attr_value`] and
/// [`text_content`]) so that a reader gets back exactly the string written.
pub(super) struct XmlWriter(Writer<Vec<u8>>);

impl XmlWriter {
    /// A writer whose buffer starts with `capacity` bytes.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        XmlWriter(Writer::new(Vec::with_capacity(capacity)))
    }

    /// A writer for a whole document: `<?xml version="1.0"
    /// encoding="utf-8"?>` first, as in UCWA's samples.
    pub(super) fn document(capacity: usize) -> Self {
        let mut out = XmlWriter::with_capacity(capacity + 40);
        out.event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        out
    }

    /// `<name attrs...>`: an open tag inside a root (the namespace is the
    /// root's).
    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            push_attr(&mut start, key, value);
        }
        self.event(Event::Start(start));
    }

    /// `<name attrs.../>`.
    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            push_attr(&mut start, key, value);
        }
        self.event(Event::Empty(start));
    }

    /// Writes one event. Writing into a `Vec` cannot fail.
    fn event(&mut self, event: Event<'_>) {
        let _ = self.0.write_event(event);
    }

    /// `<name attrs... xmlns="UCWA">`: the open tag of a root.
    pub(super) fn open_root(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            push_attr(&mut start, key, value);
        }
        push_attr(&mut start, "xmlns", UCWA_NAMESPACE);
        self.event(Event::Start(start));
    }

    /// `<link rel="rel" href="href"/>`.
    pub(super) fn link(&mut self, rel: &str, href: &str) {
        let mut link = BytesStart::new("link");
        push_attr(&mut link, "rel", rel);
        push_attr(&mut link, "href", href);
        self.event(Event::Empty(link));
    }

    /// `<property name="name">value</property>`.
    pub(super) fn property(&mut self, name: &str, value: &str) {
        let mut start = BytesStart::new("property");
        push_attr(&mut start, "name", name);
        self.event(Event::Start(start));
        self.event(Event::Text(BytesText::from_escaped(text_content(value))));
        self.close("property");
    }

    /// `<name>text</name>`.
    pub(super) fn text_element(&mut self, name: &str, text: &str) {
        self.event(Event::Start(BytesStart::new(name)));
        self.event(Event::Text(BytesText::from_escaped(text_content(text))));
        self.close(name);
    }

    /// `</name>`.
    pub(super) fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// The document written.
    pub(super) fn finish(self) -> String {
        // Every piece written came from a `&str`, so the bytes are UTF-8.
        String::from_utf8(self.0.into_inner())
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Adds `key="value"` with the value escaped by [`attr_value`] (quick-xml
/// takes a raw `(key, value)` byte pair as is).
fn push_attr(start: &mut BytesStart<'_>, key: &str, value: &str) {
    let value = attr_value(value);
    start.push_attribute((key.as_bytes(), value.as_bytes()));
}

/// An escaped attribute value: the five predefined entities, and tabs and
/// line breaks as character references, which a reader would otherwise
/// normalize to spaces (XML 1.0 §3.3.3).
fn attr_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for piece in escape(value).split_inclusive(['\t', '\n', '\r']) {
        match piece.strip_suffix(['\t', '\n', '\r']) {
            Some(head) => {
                out.push_str(head);
                out.push_str(match piece.as_bytes().last() {
                    Some(b'\t') => "&#9;",
                    Some(b'\n') => "&#10;",
                    _ => "&#13;",
                });
            }
            None => out.push_str(piece),
        }
    }
    out
}

/// Escaped element text; CR as a character reference, which a reader would
/// otherwise turn into LF (XML 1.0 §2.11).
fn text_content(text: &str) -> String {
    escape(text).replace('\r', "&#13;")
}
