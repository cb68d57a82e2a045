# forms-server: komunikaty błędów HTTP API.
api-form-not-found = Nie ma opublikowanego formularza o tym identyfikatorze.
api-not-found = Pod tym adresem nie znaleziono zasobu.
api-malformed-json = Treść żądania nie jest poprawnym dokumentem JSON.
api-invalid-body = Treść żądania nie ma oczekiwanej struktury.
api-body-too-large = Rozmiar żądania przekracza dopuszczalny limit.
api-unsupported-media-type = Treść żądania musi być przesłana z typem application/json.
api-validation = Niektóre odpowiedzi wymagają poprawienia.
api-internal = Wystąpił błąd po stronie serwera i dane nie zostały zapisane. Spróbuj ponownie później.
api-submission-not-found = Nie można wyświetlić wniosku o tym numerze przy użyciu podanego kodu dostępu.
api-invalid-reference = To nie jest prawidłowy numer wniosku. Sprawdź, czy wszystkie cyfry zostały wpisane poprawnie.
api-idempotency-conflict = To żądanie powtarza wcześniejsze, ale z innymi odpowiedziami. Złóż nowy wniosek.
api-invalid-idempotency-key = Nagłówek Idempotency-Key musi zawierać od 1 do 255 widocznych znaków.
api-unauthorized = To żądanie wymaga ważnego tokenu administracji.
api-transition-not-allowed = Wniosek nie może przejść do tego statusu z obecnego.
api-draft-not-found = Nie znaleziono zapisanej wersji roboczej pod tym linkiem. Wersje robocze są usuwane po okresie bez zmian.
