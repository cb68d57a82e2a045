# forms-server: komunikaty błędów HTTP API.
api-form-not-found = Nie ma opublikowanego formularza o tym identyfikatorze.
api-not-found = Pod tym adresem nic nie ma.
api-malformed-json = Treść żądania nie jest poprawnym JSON.
api-invalid-body = Treść żądania nie ma oczekiwanej struktury.
api-body-too-large = Żądanie jest zbyt duże.
api-unsupported-media-type = Treść żądania musi być wysłana jako application/json.
api-validation = Niektóre odpowiedzi wymagają poprawienia.
api-internal = Wystąpił błąd po naszej stronie. Dane nie zostały zapisane; spróbuj ponownie później.
