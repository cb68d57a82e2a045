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
        [phone] Pole „{ $label }” musi zawierać numer telefonu z kodem kraju, np. +48 22 123 45 67.
        [domain] Pole „{ $label }” musi zawierać nazwę serwera, np. portal.gov.pl, bez kropki na końcu.
       *[other] Pole „{ $label }” ma niewłaściwy format.
    }
error-identifier-checksum = Pole „{ $label }” nie zawiera prawidłowego numeru: sprawdź, czy każda cyfra jest wpisana poprawnie.
error-identifier-date = Pole „{ $label }” zawiera nieistniejącą datę urodzenia: sprawdź pierwsze sześć cyfr.
error-identifier-country = Pole „{ $label }” zaczyna się kodem kraju, który nie jest tu akceptowany.
error-too-short = Pole „{ $label }” musi mieć co najmniej { $min } znaków.
error-pattern = Pole „{ $label }” nie ma oczekiwanej postaci.
error-not-a-number = Pole „{ $label }” musi zawierać liczbę.
error-precision = { $decimals ->
        [0] Pole „{ $label }” musi zawierać liczbę całkowitą.
       *[other] Pole „{ $label }” może mieć najwyżej { $decimals } cyfr po przecinku.
    }
error-too-small = Pole „{ $label }” musi wynosić co najmniej { $min }.
error-too-large = Pole „{ $label }” może wynosić najwyżej { $max }.
error-invalid-date = Pole „{ $label }” musi zawierać istniejącą datę.
error-too-early = Pole „{ $label }” musi zawierać datę { $min } lub późniejszą.
error-too-late = Pole „{ $label }” musi zawierać datę { $max } lub wcześniejszą.
error-option = Wybierz „{ $label }” spośród podanych możliwości.
error-too-few = { $min ->
        [one] Pole „{ $label }” wymaga co najmniej jednej pozycji.
       *[other] Pole „{ $label }” wymaga co najmniej { $min } pozycji.
    }
error-too-many = Pole „{ $label }” może mieć najwyżej { $max } pozycji.
error-email = Pole „{ $label }” musi zawierać adres e-mail, np. imie@example.com.
error-file-type = Pole „{ $label }” musi zawierać plik typu { $types }.
error-file-too-large = Pole „{ $label }” musi zawierać plik o rozmiarze najwyżej { $max } bajtów.
error-rule = Pole „{ $label }” nie zgadza się z pozostałymi odpowiedziami.
error-fee = Nie można obliczyć opłaty na podstawie tych odpowiedzi; sprawdź je i spróbuj ponownie.
