# forms-core: validation messages. $label is the field's label (or the form's title); $kind is text, number, date, choice, choices, yes_no, file, rows or group.
error-required = { $kind ->
        [choice] Select an option for “{ $label }”.
        [choices] Select at least one option in “{ $label }”.
        [yes_no] Select yes or no for “{ $label }”.
        [file] Attach “{ $label }”.
        [rows] Add at least { $min ->
            [one] one entry
           *[other] { $min } entries
        } to “{ $label }”.
       *[other] Enter “{ $label }”.
    }
error-type = { $kind ->
        [yes_no] Select yes or no for “{ $label }”.
        [file] The file for “{ $label }” could not be read. Attach it again.
       *[other] The data sent for “{ $label }” is of the wrong type.
    }
error-too-long = “{ $label }” must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer.
error-identifier-format = { $scheme ->
        [egn] “{ $label }” must be 10 digits.
        [lnch] “{ $label }” must be 10 digits.
        [eik] “{ $label }” must be 9 or 13 digits.
        [bg_vat] “{ $label }” must be BG followed by 9 or 10 digits.
        [eori] “{ $label }” must be a country code followed by up to 15 letters or digits.
        [excise] “{ $label }” must be a country code followed by 11 letters or digits.
        [pesel] “{ $label }” must be 11 digits.
        [nip] “{ $label }” must be 10 digits.
        [regon] “{ $label }” must be 9 or 14 digits.
        [voen] “{ $label }” must be 10 digits ending in 1 or 2.
        [phone] “{ $label }” must be a phone number, like { $country ->
            [BG] 0888 123 456 or +359 2 123 4567
            [PL] 22 123 45 67 or +48 22 123 45 67
            [AZ] 012 123 45 67 or +994 12 123 45 67
           *[other] +359 2 123 4567, with its country code
        }.
        [domain] “{ $label }” must be a server name, like portal.egov.bg, without a dot at the end.
        [iban] “{ $label }” must be an IBAN, like { $country ->
            [PL] PL61 1090 1014 0000 0712 1981 2874, or an account number of 26 digits
           *[other] BG80 BNBG 9661 1020 3456 78
        }.
        [csr] “{ $label }” must be a certificate signing request in PEM format, starting with -----BEGIN CERTIFICATE REQUEST-----.
       *[other] Enter “{ $label }” in the correct format.
    }
error-identifier-checksum = { $scheme ->
        [iban] “{ $label }” is not a valid IBAN: check that every character is typed correctly.
        [csr] “{ $label }” was changed after it was signed: create the request again and paste it in unchanged.
       *[other] “{ $label }” is not a valid number: check that every digit is typed correctly.
    }
error-identifier-date = “{ $label }” contains a date of birth that does not exist: check the first six digits.
error-identifier-country = { $scheme ->
        [bg_vat] “{ $label }” must be a Bulgarian VAT number, starting with BG.
        [nip] “{ $label }” can start with PL, but not with another country code.
        [eori] “{ $label }” must start with the code of an EU member state, or XI for Northern Ireland.
        [excise] “{ $label }” must start with the code of an EU member state.
        [phone] { $country ->
            [BG] “{ $label }” must be a Bulgarian phone number (+359).
            [PL] “{ $label }” must be a Polish phone number (+48).
            [AZ] “{ $label }” must be an Azerbaijani phone number (+994).
           *[other] “{ $label }” starts with a country code that is not accepted here.
        }
        [iban] { $country ->
            [BG] “{ $label }” must be a Bulgarian IBAN, starting with BG.
            [PL] “{ $label }” must be a Polish IBAN, starting with PL.
            [AZ] “{ $label }” must be an Azerbaijani IBAN, starting with AZ.
           *[other] “{ $label }” starts with a country code that is not accepted here.
        }
       *[other] “{ $label }” starts with a country code that is not accepted here.
    }
error-too-short = “{ $label }” must be { $min } { $min ->
        [one] character
       *[other] characters
    } or more.
error-pattern = Enter “{ $label }” in the correct format.
error-not-a-number = “{ $label }” must be a number.
error-precision = { $decimals ->
        [0] “{ $label }” must be a whole number.
        [one] “{ $label }” can have no more than 1 decimal place.
       *[other] “{ $label }” can have no more than { $decimals } decimal places.
    }
error-too-small = “{ $label }” must be { $min } or more.
error-too-large = “{ $label }” must be { $max } or less.
error-invalid-date = “{ $label }” must be a real date.
error-too-early = “{ $label }” must be { $min } or later.
error-too-late = “{ $label }” must be { $max } or earlier.
error-option = { $kind ->
        [choices] Select only options from the list in “{ $label }”.
       *[other] Select one of the options given for “{ $label }”.
    }
error-too-few = { $kind ->
        [choices] Select at least { $min } { $min ->
            [one] option
           *[other] options
        } in “{ $label }”.
       *[other] “{ $label }” must have at least { $min } { $min ->
            [one] entry
           *[other] entries
        }.
    }
error-too-many = { $kind ->
        [choices] Select no more than { $max } { $max ->
            [one] option
           *[other] options
        } in “{ $label }”.
       *[other] “{ $label }” can have no more than { $max } { $max ->
            [one] entry
           *[other] entries
        }.
    }
error-email = “{ $label }” must be an e-mail address, like name@example.com.
error-file-type = The file for “{ $label }” must be of one of these types: { $types }.
error-file-too-large = The file for “{ $label }” must be { $size } { $unit ->
        [mb] MB
        [kb] KB
       *[b] { $size ->
            [one] byte
           *[other] bytes
        }
    } or smaller.
error-rule = Check “{ $label }”: it does not match your other answers.
error-fee = The fee cannot be worked out from your answers. Check them and try again.
