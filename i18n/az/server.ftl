# forms-server: HTTP API xətalarının mesajları.
api-form-not-found = Bu identifikatorla dərc olunmuş forma yoxdur.
api-not-found = Bu ünvanda heç nə tapılmadı.
api-malformed-json = Sorğunun məzmunu düzgün JSON deyil.
api-invalid-body = Sorğunun məzmunu gözlənilən quruluşa uyğun deyil.
api-body-too-large = Sorğunun həcmi icazə verilən həddi aşır.
api-unsupported-media-type = Sorğunun məzmunu application/json növü ilə göndərilməlidir.
api-validation = Bəzi cavablar düzəldilməlidir.
api-internal = Bizim tərəfdə xəta baş verdi və məlumatlarınız saxlanılmadı. Bir az sonra yenidən cəhd edin.
api-submission-not-found = Bu qeydiyyat nömrəsi və göstərilən giriş kodu ilə müraciət göstərilə bilməz.
api-invalid-reference = Bu, düzgün qeydiyyat nömrəsi deyil. Bütün rəqəmlərin düzgün yazıldığını yoxlayın.
api-idempotency-conflict = Bu sorğu əvvəlki sorğunu başqa cavablarla təkrarlayır. Yeni müraciət başladın.
api-invalid-idempotency-key = Idempotency-Key başlığı 1-dən 255-ə qədər görünən simvoldan ibarət olmalıdır.
api-unauthorized = Bu sorğu üçün etibarlı idarə tokeni tələb olunur.
api-transition-not-allowed = Müraciət hazırkı statusundan bu statusa keçə bilməz.
api-draft-not-found = Bu keçidlə saxlanmış qaralama tapılmadı. Qaralamalar dəyişiklik edilmədən müəyyən müddət keçdikdən sonra silinir.
