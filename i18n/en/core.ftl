# forms-core: validation messages. $label is the field's label in the same language.
error-required = Enter “{ $label }”.
error-type = “{ $label }” has an answer of the wrong kind.
error-too-long = “{ $label }” must be { $max } characters or fewer.
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
        [phone] “{ $label }” must be a phone number with its country code, like +359 2 123 4567.
        [domain] “{ $label }” must be a server name such as portal.egov.bg, without a final dot.
       *[other] “{ $label }” is not written in the right format.
    }
error-identifier-checksum = “{ $label }” is not a valid number: check that every digit is typed correctly.
error-identifier-date = “{ $label }” contains a date of birth that does not exist: check the first six digits.
error-identifier-country = “{ $label }” starts with a country code that is not accepted here.
error-too-short = “{ $label }” must be { $min } characters or more.
error-pattern = “{ $label }” is not written in the expected form.
error-not-a-number = “{ $label }” must be a number.
error-precision = { $decimals ->
        [0] “{ $label }” must be a whole number.
       *[other] “{ $label }” can have at most { $decimals } digits after the decimal point.
    }
error-too-small = “{ $label }” must be { $min } or more.
error-too-large = “{ $label }” must be { $max } or less.
error-invalid-date = “{ $label }” must be a real date.
error-too-early = “{ $label }” must be { $min } or later.
error-too-late = “{ $label }” must be { $max } or earlier.
error-option = Choose “{ $label }” from the options given.
error-too-few = { $min ->
        [one] “{ $label }” needs at least one entry.
       *[other] “{ $label }” needs at least { $min } entries.
    }
error-too-many = “{ $label }” can have at most { $max } entries.
error-email = “{ $label }” must be an e-mail address, like name@example.com.
error-file-type = “{ $label }” must be a file of type { $types }.
error-file-too-large = “{ $label }” must be a file of at most { $max } bytes.
error-rule = “{ $label }” does not agree with the other answers.
error-fee = The fee cannot be calculated from these answers; check them and try again.
