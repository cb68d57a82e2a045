# forms-core: съобщения за грешки при проверка. $label е етикетът на полето на същия език.
error-required = Попълнете „{ $label }“.
error-type = Отговорът в „{ $label }“ е от неправилен вид.
error-too-long = „{ $label }“ трябва да е до { $max } знака.
error-identifier-format = { $scheme ->
        [egn] „{ $label }“ трябва да е от 10 цифри.
        [lnch] „{ $label }“ трябва да е от 10 цифри.
        [eik] „{ $label }“ трябва да е от 9 или 13 цифри.
        [bg_vat] „{ $label }“ трябва да е BG, последвано от 9 или 10 цифри.
        [eori] „{ $label }“ трябва да е код на държава, последван от до 15 букви или цифри.
        [excise] „{ $label }“ трябва да е код на държава, последван от 11 букви или цифри.
        [pesel] „{ $label }“ трябва да е от 11 цифри.
        [nip] „{ $label }“ трябва да е от 10 цифри.
        [regon] „{ $label }“ трябва да е от 9 или 14 цифри.
        [voen] „{ $label }“ трябва да е от 10 цифри и да завършва на 1 или 2.
        [phone] „{ $label }“ трябва да е телефонен номер с кода на държавата, например +359 2 123 4567.
        [domain] „{ $label }“ трябва да е име на сървър като portal.egov.bg, без точка накрая.
       *[other] „{ $label }“ не е изписан в правилния формат.
    }
error-identifier-checksum = „{ $label }“ не е валиден номер: проверете дали всяка цифра е въведена правилно.
error-identifier-date = „{ $label }“ съдържа несъществуваща дата на раждане: проверете първите шест цифри.
error-identifier-country = „{ $label }“ започва с код на държава, който не се приема тук.
error-too-short = „{ $label }“ трябва да е поне { $min } знака.
error-pattern = „{ $label }“ не е изписано в очаквания вид.
error-not-a-number = „{ $label }“ трябва да е число.
error-precision = { $decimals ->
        [0] „{ $label }“ трябва да е цяло число.
       *[other] „{ $label }“ може да има най-много { $decimals } цифри след десетичната запетая.
    }
error-too-small = „{ $label }“ трябва да е поне { $min }.
error-too-large = „{ $label }“ трябва да е най-много { $max }.
error-invalid-date = „{ $label }“ трябва да е съществуваща дата.
error-too-early = „{ $label }“ трябва да е { $min } или по-късно.
error-too-late = „{ $label }“ трябва да е { $max } или по-рано.
error-option = Изберете „{ $label }“ измежду дадените възможности.
error-too-few = { $min ->
        [one] „{ $label }“ трябва да съдържа поне един запис.
       *[other] „{ $label }“ трябва да съдържа поне { $min } записа.
    }
error-too-many = „{ $label }“ може да съдържа най-много { $max } записа.
error-email = „{ $label }“ трябва да е адрес на електронна поща, например ime@example.com.
error-file-type = „{ $label }“ трябва да е файл от вид { $types }.
error-file-too-large = „{ $label }“ трябва да е файл до { $max } байта.
error-rule = „{ $label }“ не съответства на останалите отговори.
error-fee = Таксата не може да се изчисли от тези отговори; проверете ги и опитайте отново.
