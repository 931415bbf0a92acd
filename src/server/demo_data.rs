//! Deterministic demo customers: customer `i` is a pure function of the seed
//! and `i`, so a million of them cost no memory until asked for.

use serde_json::{Value, json};

use crate::api::Customer;

/// (as written, in Latin letters for the email address)
type Name = (&'static str, &'static str);

struct Culture {
    country: &'static str,
    dial: &'static str,
    first: &'static [Name],
    last: &'static [Name],
}

const CULTURES: &[Culture] = &[
    Culture {
        country: "Argentina",
        dial: "+54",
        first: &[
            ("Alejandro", "alejandro"),
            ("María", "maria"),
            ("José", "jose"),
            ("Lucía", "lucia"),
            ("Martín", "martin"),
            ("Sofía", "sofia"),
        ],
        last: &[("Fernández", "fernandez"), ("González", "gonzalez"), ("Rodríguez", "rodriguez"), ("Peña", "pena"), ("Alfaro", "alfaro")],
    },
    Culture {
        country: "USA",
        dial: "+1",
        first: &[
            ("Alex", "alex"),
            ("Jennifer", "jennifer"),
            ("Michael", "michael"),
            ("Ashley", "ashley"),
            ("Chris", "chris"),
            ("Taylor", "taylor"),
        ],
        last: &[
            ("Miller", "miller"),
            ("Johnson", "johnson"),
            ("O'Brien", "obrien"),
            ("Smith-Jones", "smithjones"),
            ("Williams", "williams"),
        ],
    },
    Culture {
        country: "Costa Rica",
        dial: "+506",
        first: &[("Alejandro", "alejandro"), ("Valeria", "valeria"), ("Andrés", "andres"), ("Mariana", "mariana")],
        last: &[("Madrigal", "madrigal"), ("Solís", "solis"), ("Jiménez", "jimenez"), ("Vargas", "vargas")],
    },
    Culture {
        country: "China",
        dial: "+86",
        first: &[("伟", "wei"), ("芳", "fang"), ("秀英", "xiuying"), ("小龙", "xiaolong")],
        last: &[("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu")],
    },
    Culture {
        country: "Japan",
        dial: "+81",
        first: &[("さくら", "sakura"), ("健太", "kenta"), ("ゆい", "yui"), ("翔", "sho")],
        last: &[("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka")],
    },
    Culture {
        country: "South Korea",
        dial: "+82",
        first: &[("민준", "minjun"), ("서연", "seoyeon"), ("지호", "jiho")],
        last: &[("김", "kim"), ("이", "lee"), ("박", "park")],
    },
    Culture {
        country: "Egypt",
        dial: "+20",
        first: &[("محمد", "mohamed"), ("فاطمة", "fatma"), ("أحمد", "ahmed"), ("ليلى", "layla")],
        last: &[("حسن", "hassan"), ("علي", "ali"), ("إبراهيم", "ibrahim")],
    },
    Culture {
        country: "Israel",
        dial: "+972",
        first: &[("נועה", "noa"), ("דוד", "david"), ("יעל", "yael")],
        last: &[("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi")],
    },
    Culture {
        country: "Russia",
        dial: "+7",
        first: &[("Дмитрий", "dmitry"), ("Анна", "anna"), ("Сергей", "sergey"), ("Ольга", "olga")],
        last: &[("Иванов", "ivanov"), ("Смирнова", "smirnova"), ("Кузнецов", "kuznetsov")],
    },
    Culture {
        country: "Germany",
        dial: "+49",
        first: &[("Jürgen", "juergen"), ("Anneliese", "anneliese"), ("Lukas", "lukas"), ("Zoë", "zoe")],
        last: &[("Müller", "mueller"), ("Schröder", "schroeder"), ("Weiß", "weiss")],
    },
    Culture {
        country: "Brazil",
        dial: "+55",
        first: &[("João", "joao"), ("Ana", "ana"), ("Luíza", "luiza"), ("Gonçalo", "goncalo")],
        last: &[("Conceição", "conceicao"), ("Araújo", "araujo"), ("Silva", "silva")],
    },
    Culture {
        country: "India",
        dial: "+91",
        first: &[("Priya", "priya"), ("Arjun", "arjun"), ("अनन्या", "ananya")],
        last: &[("Sharma", "sharma"), ("Patel", "patel"), ("श्रीवास्तव", "srivastava")],
    },
    Culture {
        country: "",
        dial: "+1",
        first: &[("Sunny ☀️", "sunny"), ("Kai 🏄", "kai"), ("Ren 👩‍💻", "ren")],
        last: &[("Rivers", "rivers"), ("🦀 Crab", "crab")],
    },
];

/// Customers whose emails do not spell their names, as in real accounts:
/// a name typed without its accents (`jose nunez`) finds them only through
/// the offer of its accented form. (row, country, first name, last name,
/// the email's local part)
const UNSPELLED: &[(u64, &str, &str, &str, &str)] =
    &[(137, "Costa Rica", "José", "Núñez", "jn.costarica"), (611, "Argentina", "María José", "Ibáñez", "mjose.ba")];

const DEVELOPERS: &[i64] = &[3468, 1207, 5590];
const DOMAINS: &[&str] = &["gmail.com", "outlook.com", "example.org", "empresa.com.ar", "mail.ru", "yahoo.co.jp"];

/// The three customers from the API documentation, always first in the list.
pub fn documented_examples() -> Vec<Customer> {
    let doc = |id: &str, first: &str, last: &str, email: &str, photo: Option<&str>, country: &str| Customer {
        id: id.into(),
        developer: Some(3468),
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        phone: None,
        photo: photo.map(Into::into),
        country: country.into(),
        metadata: None,
        test: true,
        ..Customer::default()
    };
    vec![
        doc("03124bfa-a8gd-4e63-823f-90540b9akcff", "Alex", "Miller", "alexmiller@gmail.com", None, "USA"),
        doc(
            "023d3c4c-1945-42d8-981a-02e6a3a8fhd0",
            "Alejandro",
            "Alfaro",
            "alejandroalfaro@gmail.com",
            Some("https://storage.googleapis.com/g-payments.appspot.com/img/Alejandro_Alfaro_test_1694273021.jpeg"),
            "Argentina",
        ),
        doc("033d2c5c-1965-41d9-981a-03e5a8a8fed0", "Alejandro", "Madrigal", "alejandromadrigal@gmail.com", None, "USA"),
    ]
}

/// An odd multiplier and its inverse mod 2^64 make ids invertible, so an id
/// leads back to its row without a lookup table.
const MUL: u64 = 0x9E37_79B9_7F4A_7C15;
const MUL_INV: u64 = inverse(MUL);

const fn inverse(a: u64) -> u64 {
    // Newton's iteration doubles the correct low bits each round.
    let mut x = a;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(a.wrapping_mul(x)));
        i += 1;
    }
    x
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x
}

/// The id of generated row `i`.
pub fn id_for(seed: u64, i: u64) -> String {
    let a = (i ^ seed).wrapping_mul(MUL);
    let b = mix(a ^ seed);
    format!("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff, b >> 48, b & 0xffff_ffff_ffff)
}

/// The row an id would belong to (to be confirmed by regenerating it).
pub fn row_for(seed: u64, id: &str) -> Option<u64> {
    let head: String = id.split('-').take(3).collect();
    if head.len() != 16 {
        return None;
    }
    let a = u64::from_str_radix(&head, 16).ok()?;
    Some(a.wrapping_mul(MUL_INV) ^ seed)
}

/// The searchable fields of generated row `i`: first name, last name, email.
/// Cheaper than [`generate`], which begins with the same draws.
pub fn names(seed: u64, i: u64) -> (String, String, String) {
    let d = draw_names(&mut rng_for(seed, i), i);
    (d.first_name, d.last_name, d.email)
}

/// The first draws of a generated row: who the customer is.
struct Drawn {
    culture: &'static Culture,
    first_name: String,
    last_name: String,
    email: String,
}

fn rng_for(seed: u64, i: u64) -> fastrand::Rng {
    fastrand::Rng::with_seed(mix(seed ^ mix(i.wrapping_add(1))))
}

fn draw_names(rng: &mut fastrand::Rng, i: u64) -> Drawn {
    let culture = &CULTURES[rng.usize(..CULTURES.len())];
    let (first, first_latin) = culture.first[rng.usize(..culture.first.len())];
    let (last, last_latin) = culture.last[rng.usize(..culture.last.len())];
    let long = rng.u8(..100) < 3;
    let (first_name, last_name) = if long {
        let (second, _) = culture.first[rng.usize(..culture.first.len())];
        let (other, _) = culture.last[rng.usize(..culture.last.len())];
        (format!("{first} {second} de los Ángeles"), format!("{last}-{other} y {other} del Valle de la Santísima Trinidad"))
    } else {
        (first.to_owned(), last.to_owned())
    };
    let domain = DOMAINS[rng.usize(..DOMAINS.len())];
    // The same draws for every row, so the rows after one of these are
    // the same as without it.
    if let Some(&(_, country, first, last, local)) = UNSPELLED.iter().find(|u| u.0 == i) {
        let culture = CULTURES.iter().find(|c| c.country == country).unwrap_or(culture);
        return Drawn { culture, first_name: first.to_owned(), last_name: last.to_owned(), email: format!("{local}@{domain}") };
    }
    let email = format!("{first_latin}.{last_latin}{i}@{domain}");
    Drawn { culture, first_name, last_name, email }
}

/// Generated customer number `i` (a row index, 0-based).
pub fn generate(seed: u64, i: u64) -> Customer {
    let mut rng = rng_for(seed, i);
    let Drawn { culture, first_name, last_name, email } = draw_names(&mut rng, i);
    let phone = match rng.u8(..10) {
        0..=2 => None,
        3 => Some(String::new()),
        _ => Some(format!("{} {} {:04} {:04}", culture.dial, rng.u16(10..999), rng.u16(..10000), rng.u16(..10000))),
    };
    // A fifth have a photo, served by the demo server itself.
    let id = id_for(seed, i);
    let photo = (rng.u8(..5) == 0).then(|| super::media_paths::path_for(&id));
    let metadata = match rng.u8(..10) {
        0..=3 => None,
        4 | 5 => Some(json!({})),
        6 => Some(json!({"source": "checkout", "campaign": format!("spring-{}", 2020 + rng.u16(..6))})),
        _ => {
            let plan = ["free", "pro", "enterprise"][rng.usize(..3)];
            let tags = ["vip", "wholesale", "newsletter"][..rng.usize(..4)].to_vec();
            Some(json!({
                "plan": plan,
                "tags": tags,
                "billing": {
                    "tax_id": format!("{:09}", rng.u32(..1_000_000_000)),
                    "address": {"city": culture.country, "zip": format!("{:05}", rng.u32(..100_000)), "lines": ["Calle 1", Value::Null]},
                },
                "orders": rng.u16(..500),
                "score": f64::from(rng.u16(..1000)) / 10.0,
            }))
        }
    };
    Customer {
        id,
        developer: Some(DEVELOPERS[rng.usize(..DEVELOPERS.len())]),
        first_name,
        last_name,
        email,
        phone,
        photo,
        country: culture.country.to_owned(),
        metadata,
        test: rng.u8(..10) < 3,
        ..Customer::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_invert_and_differ() {
        for seed in [0, 7, u64::MAX] {
            for i in [0, 1, 2, 999_999, 1 << 40] {
                assert_eq!(row_for(seed, &id_for(seed, i)), Some(i));
            }
        }
        assert_ne!(id_for(1, 5), id_for(1, 6));
        assert_ne!(id_for(1, 5), id_for(2, 5));
    }

    #[test]
    fn some_customers_emails_do_not_spell_their_names() {
        let c = generate(1, 137);
        assert_eq!((c.first_name.as_str(), c.last_name.as_str(), c.country.as_str()), ("José", "Núñez", "Costa Rica"));
        assert!(c.email.starts_with("jn.costarica@"), "{}", c.email);
        assert_eq!(names(1, 137), (c.first_name.clone(), c.last_name.clone(), c.email.clone()));
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generate(42, 1234), generate(42, 1234));
        assert_ne!(generate(42, 1234), generate(43, 1234));
    }
}
