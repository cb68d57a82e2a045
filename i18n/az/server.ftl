# forms-server: HTTP API xətalarının mesajları.
api-form-not-found = Bu identifikatorla dərc olunmuş forma yoxdur.
api-not-found = Bu ünvanda heç nə yoxdur.
api-malformed-json = Sorğunun mətni düzgün JSON deyil.
api-invalid-body = Sorğunun mətni gözlənilən quruluşda deyil.
api-body-too-large = Sorğu çox böyükdür.
api-unsupported-media-type = Sorğunun mətni application/json kimi göndərilməlidir.
api-validation = Bəzi cavablar düzəldilməlidir.
api-internal = Bizim tərəfdə xəta baş verdi. Məlumatlarınız saxlanılmadı; bir az sonra yenidən cəhd edin.
