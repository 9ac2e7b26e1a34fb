//! A small, bounded XML reader into an element tree, and the writing helpers
//! for UCWA's XML shapes.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

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
        Some(ns) if ns == UCWA_NAMESPACE => {}
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

/// Writes `<name xmlns="UCWA"` + attributes + `>`: the open tag of a root.
pub(super) fn open_root(out: &mut String, name: &str, attrs: &[(&str, &str)]) {
    out.push('<');
    out.push_str(name);
    for (key, value) in attrs {
        push_attr(out, key, value);
    }
    push_attr(out, "xmlns", UCWA_NAMESPACE);
    out.push('>');
}

/// Writes `<link rel="rel" href="href"/>`.
pub(super) fn link(out: &mut String, rel: &str, href: &str) {
    out.push_str("<link");
    push_attr(out, "rel", rel);
    push_attr(out, "href", href);
    out.push_str("/>");
}

/// Writes `<property name="name">value</property>`.
pub(super) fn property(out: &mut String, name: &str, value: &str) {
    out.push_str("<property");
    push_attr(out, "name", name);
    out.push('>');
    push_text(out, value);
    out.push_str("</property>");
}

/// Writes `<name>text</name>`.
pub(super) fn text_element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Writes `</name>`.
pub(super) fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn push_attr(out: &mut String, key: &str, value: &str) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    // Tabs and line breaks as character references: a reader normalizes
    // literal ones in attribute values to spaces (XML 1.0 §3.3.3).
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
    out.push('"');
}

/// Escaped element text; CR as a character reference, which a reader would
/// otherwise turn into LF (XML 1.0 §2.11).
fn push_text(out: &mut String, text: &str) {
    for (i, piece) in escape(text).split('\r').enumerate() {
        if i > 0 {
            out.push_str("&#13;");
        }
        out.push_str(piece);
    }
}
