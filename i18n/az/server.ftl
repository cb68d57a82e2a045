# forms-server: HTTP API xətalarının mesajları.
api-form-not-found = Bu identifikatorla dərc olunmuş forma yoxdur.
api-not-found = Bu ünvanda heç nə tapılmadı.
api-malformed-json = Sorğunun məzmunu düzgün JSON deyil.
api-invalid-body = Sorğunun məzmunu gözlənilən quruluşa uyğun deyil.
api-body-too-large = Sorğunun həcmi icazə verilən həddi aşır.
api-unsupported-media-type = Sorğunun məzmunu application/json növü ilə göndərilməlidir.
api-validation = Bəzi cavablar düzəldilməlidir.
api-internal = Bizim tərəfdə xəta baş verdi və məlumatlarınız saxlanılmadı. Bir az sonra yenidən cəhd edin.
