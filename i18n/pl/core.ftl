# forms-core: komunikaty walidacji. $label to etykieta pola (lub tytuł formularza); $kind: text, number, date, choice, choices, yes_no, file, rows, group.
error-required = { $kind ->
        [choice] Wybierz jedną z opcji w polu „{ $label }”.
        [choices] Zaznacz co najmniej jedną opcję w polu „{ $label }”.
        [yes_no] Zaznacz „Tak” lub „Nie” w polu „{ $label }”.
        [file] Dołącz plik w polu „{ $label }”.
        [rows] Dodaj co najmniej { $min ->
            [one] jedną pozycję
            [few] { $min } pozycje
           *[many] { $min } pozycji
        } w sekcji „{ $label }”.
       *[other] Wypełnij pole „{ $label }”.
    }
error-type = { $kind ->
        [yes_no] Zaznacz „Tak” lub „Nie” w polu „{ $label }”.
        [file] Nie udało się odczytać pliku w polu „{ $label }”. Dołącz go ponownie.
       *[other] Dane przesłane dla „{ $label }” mają nieprawidłowy typ.
    }
error-too-long = Pole „{ $label }” może zawierać maksymalnie { $max } { $max ->
        [one] znak
        [few] znaki
       *[many] znaków
    }.
error-identifier-format = { $scheme ->
        [egn] Pole „{ $label }” musi składać się z 10 cyfr.
        [lnch] Pole „{ $label }” musi składać się z 10 cyfr.
        [eik] Pole „{ $label }” musi składać się z 9 lub 13 cyfr.
        [bg_vat] Pole „{ $label }” musi składać się z liter BG i 9 lub 10 cyfr.
        [eori] Pole „{ $label }” musi składać się z kodu kraju i maksymalnie 15 liter lub cyfr.
        [excise] Pole „{ $label }” musi składać się z kodu kraju i 11 liter lub cyfr.
        [pesel] Pole „{ $label }” musi składać się z 11 cyfr.
        [nip] Pole „{ $label }” musi składać się z 10 cyfr.
        [regon] Pole „{ $label }” musi składać się z 9 lub 14 cyfr.
        [voen] Pole „{ $label }” musi składać się z 10 cyfr i kończyć się cyfrą 1 lub 2.
        [phone] Pole „{ $label }” musi zawierać numer telefonu, np. { $country ->
            [PL] 22 123 45 67 lub +48 22 123 45 67
            [BG] 0888 123 456 lub +359 2 123 4567
            [AZ] 012 123 45 67 lub +994 12 123 45 67
           *[other] +48 22 123 45 67 (z numerem kierunkowym kraju)
        }.
        [domain] Pole „{ $label }” musi zawierać nazwę serwera, np. portal.gov.pl, bez kropki na końcu.
        [iban] { $country ->
            [PL] Pole „{ $label }” musi zawierać numer IBAN (np. PL61 1090 1014 0000 0712 1981 2874) lub 26-cyfrowy numer rachunku (NRB).
           *[other] Pole „{ $label }” musi zawierać numer IBAN, np. PL61 1090 1014 0000 0712 1981 2874.
        }
        [csr] Pole „{ $label }” musi zawierać żądanie podpisania certyfikatu (CSR) w formacie PEM, zaczynające się od -----BEGIN CERTIFICATE REQUEST-----.
       *[other] Wartość w polu „{ $label }” ma nieprawidłowy format.
    }
error-identifier-checksum = { $scheme ->
        [iban] Pole „{ $label }” nie zawiera prawidłowego numeru IBAN: sprawdź, czy wszystkie znaki zostały wpisane poprawnie.
        [csr] Żądanie w polu „{ $label }” zostało zmienione po podpisaniu: wygeneruj je ponownie i wklej bez zmian.
       *[other] Pole „{ $label }” nie zawiera prawidłowego numeru: sprawdź, czy wszystkie cyfry zostały wpisane poprawnie.
    }
error-identifier-date = Numer w polu „{ $label }” zawiera nieistniejącą datę urodzenia: sprawdź pierwsze sześć cyfr.
error-identifier-country = { $scheme ->
        [bg_vat] Pole „{ $label }” musi zawierać bułgarski numer VAT, zaczynający się od BG.
        [nip] Numer w polu „{ $label }” może być poprzedzony wyłącznie kodem PL.
        [eori] Numer w polu „{ $label }” musi zaczynać się od kodu państwa członkowskiego UE lub od XI (Irlandia Północna).
        [excise] Numer w polu „{ $label }” musi zaczynać się od kodu państwa członkowskiego UE.
        [phone] { $country ->
            [PL] Pole „{ $label }” musi zawierać polski numer telefonu (+48).
            [BG] Pole „{ $label }” musi zawierać bułgarski numer telefonu (+359).
            [AZ] Pole „{ $label }” musi zawierać azerbejdżański numer telefonu (+994).
           *[other] Numer w polu „{ $label }” zaczyna się od kodu kraju, którego nie można tu podać.
        }
        [iban] { $country ->
            [PL] Pole „{ $label }” musi zawierać polski numer IBAN, zaczynający się od PL.
            [BG] Pole „{ $label }” musi zawierać bułgarski numer IBAN, zaczynający się od BG.
            [AZ] Pole „{ $label }” musi zawierać azerbejdżański numer IBAN, zaczynający się od AZ.
           *[other] Numer w polu „{ $label }” zaczyna się od kodu kraju, którego nie można tu podać.
        }
       *[other] Numer w polu „{ $label }” zaczyna się od kodu kraju, którego nie można tu podać.
    }
error-too-short = Pole „{ $label }” musi zawierać co najmniej { $min } { $min ->
        [one] znak
        [few] znaki
       *[many] znaków
    }.
error-pattern = Wartość w polu „{ $label }” ma nieprawidłowy format.
error-not-a-number = Pole „{ $label }” musi zawierać liczbę.
error-precision = { $decimals ->
        [0] Pole „{ $label }” musi zawierać liczbę całkowitą.
       *[other] Liczba w polu „{ $label }” może mieć najwyżej { $decimals } { $decimals ->
            [one] miejsce
            [few] miejsca
           *[many] miejsc
        } po przecinku.
    }
error-too-small = Wartość w polu „{ $label }” musi wynosić co najmniej { $min }.
error-too-large = Wartość w polu „{ $label }” nie może przekraczać { $max }.
error-invalid-date = Pole „{ $label }” musi zawierać prawidłową datę.
error-too-early = Data w polu „{ $label }” nie może być wcześniejsza niż { $min }.
error-too-late = Data w polu „{ $label }” nie może być późniejsza niż { $max }.
error-option = { $kind ->
        [choices] Zaznacz w polu „{ $label }” wyłącznie opcje z listy.
       *[other] Wybierz w polu „{ $label }” jedną z podanych opcji.
    }
error-too-few = { $kind ->
        [choices] Zaznacz co najmniej { $min } { $min ->
            [one] opcję
            [few] opcje
           *[many] opcji
        } w polu „{ $label }”.
       *[other] Sekcja „{ $label }” musi zawierać co najmniej { $min } { $min ->
            [one] pozycję
            [few] pozycje
           *[many] pozycji
        }.
    }
error-too-many = { $kind ->
        [choices] Zaznacz maksymalnie { $max } { $max ->
            [one] opcję
            [few] opcje
           *[many] opcji
        } w polu „{ $label }”.
       *[other] Sekcja „{ $label }” może zawierać maksymalnie { $max } { $max ->
            [one] pozycję
            [few] pozycje
           *[many] pozycji
        }.
    }
error-email = Pole „{ $label }” musi zawierać poprawny adres e-mail, np. imie@example.com.
error-file-type = Plik w polu „{ $label }” musi mieć jeden z formatów: { $types }.
error-file-too-large = Plik w polu „{ $label }” nie może być większy niż { $size } { $unit ->
        [mb] MB
        [kb] kB
       *[b] { $size ->
            [one] bajt
            [few] bajty
           *[many] bajtów
        }
    }.
error-rule = Sprawdź pole „{ $label }”: odpowiedź nie zgadza się z pozostałymi odpowiedziami.
error-fee = Nie można obliczyć opłaty na podstawie podanych odpowiedzi. Sprawdź je i spróbuj ponownie.
