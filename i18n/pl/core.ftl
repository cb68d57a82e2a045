# forms-core: komunikaty walidacji. $label to etykieta pola w tym samym języku.
error-required = Wypełnij pole „{ $label }”.
error-type = Odpowiedź w polu „{ $label }” ma niewłaściwy rodzaj.
error-too-long = Pole „{ $label }” może mieć najwyżej { $max } znaków.
error-identifier-format = { $scheme ->
        [egn] Pole „{ $label }” musi mieć 10 cyfr.
        [lnch] Pole „{ $label }” musi mieć 10 cyfr.
        [eik] Pole „{ $label }” musi mieć 9 lub 13 cyfr.
        [bg_vat] Pole „{ $label }” musi zawierać BG i 9 lub 10 cyfr.
        [eori] Pole „{ $label }” musi zawierać kod kraju i do 15 liter lub cyfr.
        [excise] Pole „{ $label }” musi zawierać kod kraju i 11 liter lub cyfr.
        [pesel] Pole „{ $label }” musi mieć 11 cyfr.
        [nip] Pole „{ $label }” musi mieć 10 cyfr.
        [regon] Pole „{ $label }” musi mieć 9 lub 14 cyfr.
        [voen] Pole „{ $label }” musi mieć 10 cyfr i kończyć się cyfrą 1 lub 2.
       *[other] Pole „{ $label }” ma niewłaściwy format.
    }
error-identifier-checksum = Pole „{ $label }” nie zawiera prawidłowego numeru: sprawdź, czy każda cyfra jest wpisana poprawnie.
error-identifier-date = Pole „{ $label }” zawiera nieistniejącą datę urodzenia: sprawdź pierwsze sześć cyfr.
error-identifier-country = Pole „{ $label }” zaczyna się kodem kraju, który nie jest tu akceptowany.
