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
       *[other] “{ $label }” is not written in the right format.
    }
error-identifier-checksum = “{ $label }” is not a valid number: check that every digit is typed correctly.
error-identifier-date = “{ $label }” contains a date of birth that does not exist: check the first six digits.
error-identifier-country = “{ $label }” starts with a country code that is not accepted here.
