//! Certificate signing requests (PKCS#10, RFC 2986) in PEM, as RegiX and SEOS ask for them.
//!
//! Everywhere (browser and server): the PEM framing, the Base64, and the DER structure of the
//! request are checked exactly, and its subject's common name (CN) is read, so that a rule can
//! require the CN to be the system's server name. With the `csr-verify` feature (the server
//! builds it, the browser does not: RSA and elliptic-curve arithmetic would weigh more than the
//! rest of the app) the request's self-signature is verified too, with RustCrypto's `rsa`,
//! `p256` and `p384`: RSA PKCS#1 v1.5 or ECDSA on P-256 / P-384, with SHA-256, -384 or -512. A
//! signature that does not match is `identifier.checksum` (the request was changed after it was
//! signed); anything else that is not such a request is `identifier.format`.

use std::ops::Range;

use super::IdentifierError;

/// The labels a request is framed with (`NEW CERTIFICATE REQUEST` is the old Netscape form that
/// some tools still write).
const LABELS: [&str; 2] = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

/// A request read from its PEM text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertRequest {
    /// The whole request in DER.
    der: Vec<u8>,
    /// The signed part, `CertificationRequestInfo`, as it is in `der` (tag and length included).
    info: Range<usize>,
    /// The `SubjectPublicKeyInfo`, tag and length included.
    public_key: Range<usize>,
    /// The content of the signature algorithm's OBJECT IDENTIFIER.
    algorithm: Range<usize>,
    /// The signature's bytes (the BIT STRING without its unused-bits byte).
    signature: Range<usize>,
    /// The subject's first common name, if it has one.
    pub common_name: Option<String>,
}

/// Checks a request and returns it as it is stored: framed with `CERTIFICATE REQUEST`, Base64 in
/// lines of 64 characters, LF line ends.
pub fn csr(input: &str) -> Result<String, IdentifierError> {
    let request = parse(input)?;
    #[cfg(feature = "csr-verify")]
    verify::signature(&request)?;
    Ok(request.to_pem())
}

/// The common name in the subject of a valid request, or `None`.
pub fn common_name(input: &str) -> Option<String> {
    parse(input).ok()?.common_name
}

/// Reads a request from PEM. White space inside the Base64 and around the lines is forgiven,
/// CR LF too, and so is a request pasted into a one-line input (its line breaks turned into
/// spaces); nothing may stand before or after the one request.
pub fn parse(input: &str) -> Result<CertRequest, IdentifierError> {
    let text = input.trim();
    for label in LABELS {
        let (begin, end) = (
            format!("-----BEGIN {label}-----"),
            format!("-----END {label}-----"),
        );
        let Some(body) = text.strip_prefix(&begin).and_then(|t| t.strip_suffix(&end)) else {
            continue;
        };
        let base64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let der = decode_base64(&base64).ok_or(IdentifierError::Format)?;
        return structure(der).ok_or(IdentifierError::Format);
    }
    Err(IdentifierError::Format)
}

impl CertRequest {
    /// The request in its stored PEM form.
    pub fn to_pem(&self) -> String {
        let base64 = encode_base64(&self.der);
        let mut pem = String::from("-----BEGIN CERTIFICATE REQUEST-----\n");
        for chunk in base64.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE REQUEST-----\n");
        pem
    }
}

/// One DER element: its tag, where its content is, where the next element starts.
struct Element {
    tag: u8,
    content: Range<usize>,
    end: usize,
}

/// The element starting at `at`, with a definite length that fits in `der`.
fn element(der: &[u8], at: usize) -> Option<Element> {
    let tag = *der.get(at)?;
    if tag & 0x1f == 0x1f {
        return None; // high tag numbers do not occur in a request
    }
    let first = usize::from(*der.get(at + 1)?);
    let (length, header) = if first < 0x80 {
        (first, 2)
    } else {
        let count = first & 0x7f;
        if count == 0 || count > 4 {
            return None; // indefinite (not DER) or absurdly long
        }
        let bytes = der.get(at + 2..at + 2 + count)?;
        let length = bytes.iter().fold(0usize, |n, b| (n << 8) | usize::from(*b));
        if length < 0x80 || bytes[0] == 0 {
            return None; // not the shortest form, so not DER
        }
        (length, 2 + count)
    };
    let start = at + header;
    let end = start.checked_add(length)?;
    (end <= der.len()).then_some(Element {
        tag,
        content: start..end,
        end,
    })
}

/// The elements inside `range`, which must be filled exactly.
fn children(der: &[u8], range: Range<usize>) -> Option<Vec<Element>> {
    let mut found = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let child = element(der, at)?;
        if child.end > range.end {
            return None;
        }
        at = child.end;
        found.push(child);
    }
    Some(found)
}

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OID: u8 = 0x06;
const ATTRIBUTES: u8 = 0xa0;
/// 2.5.4.3, id-at-commonName.
const COMMON_NAME: [u8; 3] = [0x55, 0x04, 0x03];

/// The structure of RFC 2986 §4: `SEQUENCE { info SEQUENCE { version 0, subject Name,
/// subjectPKInfo SEQUENCE, [0] attributes }, algorithm SEQUENCE { OID, … }, BIT STRING }`.
fn structure(der: Vec<u8>) -> Option<CertRequest> {
    let outer = element(&der, 0)?;
    if outer.tag != SEQUENCE || outer.end != der.len() {
        return None;
    }
    let [info, algorithm, signature] =
        <[Element; 3]>::try_from(children(&der, outer.content.clone())?).ok()?;
    if info.tag != SEQUENCE || algorithm.tag != SEQUENCE || signature.tag != BIT_STRING {
        return None;
    }
    let [version, subject, public_key, attributes] =
        <[Element; 4]>::try_from(children(&der, info.content.clone())?).ok()?;
    if version.tag != INTEGER
        || der[version.content.clone()] != [0]
        || subject.tag != SEQUENCE
        || public_key.tag != SEQUENCE
        || attributes.tag != ATTRIBUTES
    {
        return None;
    }
    let common_name = common_name_of(&der, subject.content)?;
    let key_parts = children(&der, public_key.content.clone())?;
    if key_parts.len() != 2 || key_parts[0].tag != SEQUENCE || key_parts[1].tag != BIT_STRING {
        return None;
    }
    let algorithm_parts = children(&der, algorithm.content)?;
    let algorithm_oid = algorithm_parts
        .first()
        .filter(|e| e.tag == OID)?
        .content
        .clone();
    // A signature is whole bytes: the unused-bits byte is 0.
    if der.get(signature.content.start) != Some(&0) {
        return None;
    }
    // Elements follow each other: each one's tag starts where the one before it ends.
    Some(CertRequest {
        info: outer.content.start..info.end,
        public_key: subject.end..public_key.end,
        algorithm: algorithm_oid,
        signature: signature.content.start + 1..signature.content.end,
        common_name,
        der,
    })
}

/// The first common name of a `Name` (a SEQUENCE of SETs of `{type OID, value}`); the outer
/// `None` when the name is malformed.
fn common_name_of(der: &[u8], name: Range<usize>) -> Option<Option<String>> {
    let mut found = None;
    for set in children(der, name)? {
        if set.tag != SET {
            return None;
        }
        for attribute in children(der, set.content)? {
            let parts = children(der, attribute.content.clone())?;
            if attribute.tag != SEQUENCE || parts.len() != 2 || parts[0].tag != OID {
                return None;
            }
            if found.is_none() && der[parts[0].content.clone()] == COMMON_NAME {
                found = Some(directory_string(
                    parts[1].tag,
                    &der[parts[1].content.clone()],
                )?);
            }
        }
    }
    Some(found)
}

/// The text of a DirectoryString (UTF8String, PrintableString, IA5String, TeletexString read as
/// Latin-1, BMPString).
fn directory_string(tag: u8, bytes: &[u8]) -> Option<String> {
    match tag {
        0x0c => String::from_utf8(bytes.to_vec()).ok(),
        0x13 | 0x16 => bytes
            .is_ascii()
            .then(|| String::from_utf8_lossy(bytes).into_owned()),
        0x14 => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        0x1e if bytes.len().is_multiple_of(2) => char::decode_utf16(
            bytes
                .chunks(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
        )
        .collect::<Result<String, _>>()
        .ok(),
        _ => None,
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard Base64 with its `=` padding (RFC 4648 §4), nothing else.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let data = &bytes[..bytes.len() - padding];
    let mut buffer = 0u32;
    let mut bits = 0;
    for &b in data {
        let value = ALPHABET.iter().position(|&a| a == b)?;
        buffer = (buffer << 6) | u32::try_from(value).ok()?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    // The bits left over must be zero (canonical encoding).
    (buffer & ((1 << bits) - 1) == 0).then_some(out)
}

fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(feature = "csr-verify")]
mod verify {
    //! The self-signature, on the server.

    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use rsa::pkcs1v15;
    use rsa::pkcs8::DecodePublicKey;
    use rsa::signature::Verifier;
    use sha2::{Digest, Sha256, Sha384, Sha512};

    use super::{CertRequest, IdentifierError};

    /// 1.2.840.113549.1.1.{11,12,13}: sha{256,384,512}WithRSAEncryption.
    const RSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
    const RSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c];
    const RSA_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d];
    /// 1.2.840.10045.4.3.{2,3,4}: ecdsa-with-SHA{256,384,512}.
    const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    const ECDSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
    const ECDSA_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];

    /// Verifies the request's signature with its own public key. An algorithm or key this does
    /// not know is a format error; a signature that does not match is a checksum error.
    pub(super) fn signature(request: &CertRequest) -> Result<(), IdentifierError> {
        let der = &request.der;
        let message = &der[request.info.clone()];
        let key = &der[request.public_key.clone()];
        let signature = &der[request.signature.clone()];
        let matches = match &der[request.algorithm.clone()] {
            RSA_SHA256 => rsa_verify::<Sha256>(key, message, signature)?,
            RSA_SHA384 => rsa_verify::<Sha384>(key, message, signature)?,
            RSA_SHA512 => rsa_verify::<Sha512>(key, message, signature)?,
            ECDSA_SHA256 => ecdsa_verify(key, &Sha256::digest(message), signature)?,
            ECDSA_SHA384 => ecdsa_verify(key, &Sha384::digest(message), signature)?,
            ECDSA_SHA512 => ecdsa_verify(key, &Sha512::digest(message), signature)?,
            _ => return Err(IdentifierError::Format),
        };
        if matches {
            Ok(())
        } else {
            Err(IdentifierError::Checksum)
        }
    }

    fn rsa_verify<D>(key: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, IdentifierError>
    where
        D: Digest + rsa::pkcs8::AssociatedOid,
    {
        let key =
            rsa::RsaPublicKey::from_public_key_der(key).map_err(|_| IdentifierError::Format)?;
        let key = pkcs1v15::VerifyingKey::<D>::new(key);
        let signature =
            pkcs1v15::Signature::try_from(signature).map_err(|_| IdentifierError::Format)?;
        Ok(key.verify(message, &signature).is_ok())
    }

    fn ecdsa_verify(key: &[u8], digest: &[u8], signature: &[u8]) -> Result<bool, IdentifierError> {
        if let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(key) {
            let signature =
                p256::ecdsa::Signature::from_der(signature).map_err(|_| IdentifierError::Format)?;
            return Ok(key.verify_prehash(digest, &signature).is_ok());
        }
        if let Ok(key) = p384::ecdsa::VerifyingKey::from_public_key_der(key) {
            let signature =
                p384::ecdsa::Signature::from_der(signature).map_err(|_| IdentifierError::Format)?;
            return Ok(key.verify_prehash(digest, &signature).is_ok());
        }
        Err(IdentifierError::Format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_refuses_what_is_not_canonical() {
        for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            let text = encode_base64(bytes);
            if !bytes.is_empty() {
                assert_eq!(decode_base64(&text).as_deref(), Some(bytes), "{text}");
            }
        }
        // RFC 4648 §10.
        assert_eq!(encode_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode_base64(b"fo"), "Zm8=");
        assert_eq!(decode_base64("Zm9="), None, "left-over bits must be zero");
        assert_eq!(decode_base64("Zm8"), None);
        assert_eq!(decode_base64("Zm*="), None);
    }

    #[test]
    fn der_lengths_must_be_definite_and_shortest() {
        assert!(element(&[0x30, 0x00], 0).is_some());
        assert!(
            element(&[0x30, 0x80, 0x00, 0x00], 0).is_none(),
            "indefinite"
        );
        assert!(
            element(&[0x30, 0x81, 0x05, 0, 0, 0, 0, 0], 0).is_none(),
            "not shortest"
        );
        assert!(
            element(&[0x30, 0x05, 0x00], 0).is_none(),
            "runs past the end"
        );
    }
}
