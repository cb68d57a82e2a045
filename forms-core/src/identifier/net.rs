//! Contact and network identifiers: phone numbers in E.164, internet domain names and e-mail
//! addresses.

use super::IdentifierError;

/// A country a phone field may require: its calling code, the lengths of its national
/// significant numbers, and whether its national form starts with a trunk `0`.
struct Dialling {
    code: &'static str,
    lengths: &'static [usize],
    trunk_zero: bool,
}

/// The countries a phone field can be restricted to (ISO 3166 alpha-2).
pub const PHONE_COUNTRIES: [&str; 3] = ["BG", "PL", "AZ"];

/// The numbering plans of [`PHONE_COUNTRIES`].
fn dialling(country: &str) -> Option<Dialling> {
    match country {
        // Bulgaria: 8 digits (Sofia landlines, 2 + 7) or 9 (mobiles, other areas); trunk 0.
        "BG" => Some(Dialling {
            code: "359",
            lengths: &[8, 9],
            trunk_zero: true,
        }),
        // Poland: closed 9-digit numbering, no trunk prefix.
        "PL" => Some(Dialling {
            code: "48",
            lengths: &[9],
            trunk_zero: false,
        }),
        // Azerbaijan: 9 digits; trunk 0.
        "AZ" => Some(Dialling {
            code: "994",
            lengths: &[9],
            trunk_zero: true,
        }),
        _ => None,
    }
}

/// A phone number in E.164: `+`, a country code not starting with 0, at most 15 digits in all.
/// Spaces, dashes, dots, slashes (`02/ 949 2066`) and brackets are dropped and `00` becomes `+`. When the field requires
/// a `country`, the national form is accepted too (`0888 123 456` in Bulgaria), and the number
/// must be of that country and of its length.
pub fn phone(input: &str, country: Option<&str>) -> Result<String, IdentifierError> {
    let dialling = match country {
        Some(country) => Some(dialling(country).ok_or(IdentifierError::Country)?),
        None => None,
    };
    let mut text: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '/' | '(' | ')'))
        .collect();
    if let Some(rest) = text.strip_prefix("00") {
        text = format!("+{rest}");
    }
    if !text.starts_with('+') {
        let all_digits = text.bytes().all(|b| b.is_ascii_digit());
        text = match &dialling {
            Some(d) if d.trunk_zero && all_digits && text.starts_with('0') => {
                format!("+{}{}", d.code, &text[1..])
            }
            Some(d) if !d.trunk_zero && all_digits && text.len() == 9 => {
                format!("+{}{text}", d.code)
            }
            _ => return Err(IdentifierError::Format),
        };
    }
    let digits = &text[1..];
    if !digits.bytes().all(|b| b.is_ascii_digit())
        || digits.starts_with('0')
        || !(8..=15).contains(&digits.len())
    {
        return Err(IdentifierError::Format);
    }
    if let Some(d) = dialling {
        let national = digits
            .strip_prefix(d.code)
            .ok_or(IdentifierError::Country)?;
        if !d.lengths.contains(&national.len()) {
            return Err(IdentifierError::Format);
        }
    }
    Ok(text)
}

/// A canonical server name (RFC 1035/1123 host name): two or more labels of letters, digits
/// and inner dashes, each 1–63 characters, 253 in all, no trailing dot, a top-level label that
/// is not all digits (so no IP addresses). Internationalised names are accepted in their
/// punycode (`xn--…`) form, and such a label must decode (RFC 3492) to text with at least one
/// non-ASCII character and no control characters. Stored in lower case.
pub fn domain(input: &str) -> Result<String, IdentifierError> {
    let text = input.trim().to_ascii_lowercase();
    if text.is_empty() || text.len() > 253 {
        return Err(IdentifierError::Format);
    }
    let labels: Vec<&str> = text.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
            // `??--` is reserved for internationalised labels, which are `xn--` (RFC 5891).
            && (label.get(2..4) != Some("--") || label.starts_with("xn--"))
            && label
                .strip_prefix("xn--")
                .is_none_or(punycode_decodes)
    };
    let top_is_name = labels
        .last()
        .is_some_and(|top| !top.bytes().all(|b| b.is_ascii_digit()));
    if labels.len() < 2 || !labels.iter().all(label_ok) || !top_is_name {
        return Err(IdentifierError::Format);
    }
    Ok(text)
}

/// Whether `encoded` (a label after `xn--`) is Punycode (RFC 3492 §6.2) for text with at least
/// one non-ASCII character and no control character, as an internationalised label must be.
fn punycode_decodes(encoded: &str) -> bool {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    let adapt = |delta: u32, points: u32, first: bool| {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    };
    let (basic, extended) = match encoded.rfind('-') {
        Some(dash) => (&encoded[..dash], &encoded[dash + 1..]),
        None => ("", encoded),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next() {
                Some(b @ b'a'..=b'z') => u32::from(b - b'a'),
                Some(b @ b'0'..=b'9') => u32::from(b - b'0') + 26,
                _ => return false,
            };
            let Some(next) = digit.checked_mul(w).and_then(|dw| i.checked_add(dw)) else {
                return false;
            };
            i = next;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            let Some(next) = w.checked_mul(BASE - t) else {
                return false;
            };
            w = next;
            k += BASE;
        }
        let points = u32::try_from(output.len() + 1).unwrap_or(u32::MAX);
        bias = adapt(i - old_i, points, old_i == 0);
        let Some(next) = n.checked_add(i / points) else {
            return false;
        };
        n = next;
        i %= points;
        let Some(c) = char::from_u32(n).filter(|c| !c.is_ascii() && !c.is_control()) else {
            return false;
        };
        output.insert(i as usize, c);
        i += 1;
    }
    output.iter().any(|c| !c.is_ascii())
}

/// Characters the local part of an address may hold besides ASCII letters and digits: the HTML
/// standard's `valid e-mail address`, which is the rule of the `validator` crate.
const EMAIL_LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

/// An e-mail address by the rules of the `validator` crate (`validate_email`): a local part
/// from the HTML standard's characters (at most 64, RFC 5321), `@`, and a domain of at most 255
/// characters that is two or more labels of letters, digits and inner dashes (1–63 characters
/// each), or an address literal (`[192.0.2.1]`, `[2001:db8::1]`). Where `validator` converts an
/// internationalised domain with IDNA, this accepts labels whose non-ASCII characters are not
/// spaces or controls (`мвр.бг`), without carrying Unicode tables into the browser. The caller
/// trims; the address is returned with an ASCII domain in lower case.
pub fn email(text: &str) -> Option<String> {
    let (local, domain) = text.rsplit_once('@')?;
    if local.is_empty() || local.chars().count() > 64 || domain.chars().count() > 255 {
        return None;
    }
    if !local
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || EMAIL_LOCAL_SPECIALS.as_bytes().contains(&b))
    {
        return None;
    }
    let domain_ok = match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(literal) => literal.parse::<std::net::IpAddr>().is_ok(),
        None => {
            domain.contains('.')
                && domain.split('.').all(|label| {
                    (1..=63).contains(&label.chars().count())
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                        && label.chars().all(|c| {
                            c.is_ascii_alphanumeric()
                                || c == '-'
                                || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
                        })
                })
        }
    };
    domain_ok.then(|| {
        let mut address = String::with_capacity(text.len());
        address.push_str(local);
        address.push('@');
        address.extend(domain.chars().map(|c| c.to_ascii_lowercase()));
        address
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_international_and_national() {
        assert_eq!(phone("+359 2 949 4000", None), Ok("+35929494000".into()));
        assert_eq!(
            phone("0888 123 456", Some("BG")),
            Ok("+359888123456".into())
        );
        assert_eq!(
            phone("00 48 22 123 45 67", Some("PL")),
            Ok("+48221234567".into())
        );
        assert_eq!(phone("221234567", Some("PL")), Ok("+48221234567".into()));
        assert_eq!(phone("0888 123 456", None), Err(IdentifierError::Format));
        assert_eq!(
            phone("+48221234567", Some("BG")),
            Err(IdentifierError::Country)
        );
        assert_eq!(
            phone("+3598881234567", Some("BG")),
            Err(IdentifierError::Format)
        );
        assert_eq!(phone("+359 88", None), Err(IdentifierError::Format));
        assert_eq!(
            phone("+359888123456", Some("DE")),
            Err(IdentifierError::Country)
        );
    }

    /// The cases of the `validator` crate's test of `validate_email` (taken there from Django's
    /// validator tests): github.com/Keats/validator, validator/src/validation/email.rs at commit
    /// 0ec1fa2c. Plus Bulgarian addresses and the RFC 5321 limit of 64 characters.
    #[test]
    fn email_addresses_by_the_rules_of_validator() {
        let cases = [
            ("email@here.com", true),
            // The valid list of the widely reused gist "Valid and invalid email addresses"
            // (cjaoude), as far as the HTML standard's rules (and so validator's) agree.
            ("email@example.com", true),
            ("firstname.lastname@example.com", true),
            ("email@subdomain.example.com", true),
            ("firstname+lastname@example.com", true),
            ("1234567890@example.com", true),
            ("email@example-one.com", true),
            ("_______@example.com", true),
            ("email@example.name", true),
            ("email@example.museum", true),
            ("email@example.co.jp", true),
            ("firstname-lastname@example.com", true),
            ("weirder-email@here.and.there.com", true),
            (r#"!def!xyz%abc@example.com"#, true),
            ("email@[127.0.0.1]", true),
            ("email@[2001:dB8::1]", true),
            ("email@[2001:dB8:0:0:0:0:0:1]", true),
            ("email@[::fffF:127.0.0.1]", true),
            ("example@valid-----hyphens.com", true),
            ("example@valid-with-hyphens.com", true),
            ("test@domain.with.idn.tld.उदाहरण.परीक्षा", true),
            (r#""test@test"@example.com"#, false),
            (
                "a@atm.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                true,
            ),
            (
                "a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.atm",
                true,
            ),
            (
                "a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbb.atm",
                true,
            ),
            (
                "a@atm.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                false,
            ),
            ("", false),
            ("abc", false),
            ("abc@", false),
            ("abc@bar", false),
            ("a @x.cz", false),
            ("abc@.com", false),
            ("something@@somewhere.com", false),
            ("email@127.0.0.1", true),
            ("email@[127.0.0.256]", false),
            ("email@[2001:db8::12345]", false),
            ("email@[2001:db8:0:0:0:0:1]", false),
            ("email@[::ffff:127.0.0.256]", false),
            ("example@invalid-.com", false),
            ("example@-invalid.com", false),
            ("example@invalid.com-", false),
            ("example@inv-.alid-.com", false),
            ("example@inv-.-alid.com", false),
            (r#"test@example.com\n\n<script src="x.js">"#, false),
            (r#""\\\011"@here.com"#, false),
            (r#""\\\012"@here.com"#, false),
            ("trailingdot@shouldfail.com.", false),
            ("a@b.com\n", false),
            ("a\n@b.com", false),
            (r#""test@test"\n@example.com"#, false),
            ("a@[127.0.0.1]\n", false),
            ("John.Doe@exam_ple.com", false),
            // Ours: Cyrillic domains, and the local part's RFC 5321 limit.
            ("office@мвр.бг", true),
            ("office@мвр .бг", false),
        ];
        for (address, valid) in cases {
            assert_eq!(email(address).is_some(), valid, "{address:?}");
        }
        assert_eq!(email("Ivan@Egov.BG"), Some("Ivan@egov.bg".into()));
        assert!(email(&format!("{}@egov.bg", "a".repeat(64))).is_some());
        assert!(email(&format!("{}@egov.bg", "a".repeat(65))).is_none());
    }

    #[test]
    fn server_names() {
        assert_eq!(domain(" Mail.Egov.BG "), Ok("mail.egov.bg".into()));
        assert_eq!(
            domain("xn--80ae0b.xn--90ae"),
            Ok("xn--80ae0b.xn--90ae".into())
        );
        for bad in [
            "egov.bg.",
            "localhost",
            "a..bg",
            "-a.bg",
            "a_b.bg",
            "192.168.0.1",
            "мвр.бг",
        ] {
            assert_eq!(domain(bad), Err(IdentifierError::Format), "{bad}");
        }
        assert_eq!(
            domain(&format!("{}.bg", "a".repeat(64))),
            Err(IdentifierError::Format)
        );
    }
}
