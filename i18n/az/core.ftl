# forms-core: yoxlama mesajları. $label eyni dildə sahənin adıdır.
error-required = “{ $label }” sahəsini doldurun.
error-type = “{ $label }” sahəsindəki cavab düzgün növdə deyil.
error-too-long = “{ $label }” ən çoxu { $max } simvol ola bilər.
error-identifier-format = { $scheme ->
        [egn] “{ $label }” 10 rəqəmdən ibarət olmalıdır.
        [lnch] “{ $label }” 10 rəqəmdən ibarət olmalıdır.
        [eik] “{ $label }” 9 və ya 13 rəqəmdən ibarət olmalıdır.
        [bg_vat] “{ $label }” BG və ardınca 9 və ya 10 rəqəmdən ibarət olmalıdır.
        [eori] “{ $label }” ölkə kodu və ardınca 15-ə qədər hərf və ya rəqəmdən ibarət olmalıdır.
        [excise] “{ $label }” ölkə kodu və ardınca 11 hərf və ya rəqəmdən ibarət olmalıdır.
        [pesel] “{ $label }” 11 rəqəmdən ibarət olmalıdır.
        [nip] “{ $label }” 10 rəqəmdən ibarət olmalıdır.
        [regon] “{ $label }” 9 və ya 14 rəqəmdən ibarət olmalıdır.
        [voen] “{ $label }” 10 rəqəmdən ibarət olmalı və 1 və ya 2 ilə bitməlidir.
        [phone] “{ $label }” ölkə kodu ilə telefon nömrəsi olmalıdır, məsələn +994 12 123 45 67.
        [domain] “{ $label }” server adı olmalıdır, məsələn portal.gov.az, sonunda nöqtə olmadan.
       *[other] “{ $label }” düzgün formatda yazılmayıb.
    }
error-identifier-checksum = “{ $label }” etibarlı nömrə deyil: hər rəqəmin düzgün yazıldığını yoxlayın.
error-identifier-date = “{ $label }” mövcud olmayan doğum tarixi ehtiva edir: ilk altı rəqəmi yoxlayın.
error-identifier-country = “{ $label }” burada qəbul edilməyən ölkə kodu ilə başlayır.
error-too-short = “{ $label }” ən azı { $min } simvol olmalıdır.
error-pattern = “{ $label }” gözlənilən formada yazılmayıb.
error-not-a-number = “{ $label }” rəqəm olmalıdır.
error-precision = { $decimals ->
        [0] “{ $label }” tam ədəd olmalıdır.
       *[other] “{ $label }” vergüldən sonra ən çoxu { $decimals } rəqəm ola bilər.
    }
error-too-small = “{ $label }” ən azı { $min } olmalıdır.
error-too-large = “{ $label }” ən çoxu { $max } ola bilər.
error-invalid-date = “{ $label }” mövcud tarix olmalıdır.
error-too-early = “{ $label }” { $min } və ya daha gec olmalıdır.
error-too-late = “{ $label }” { $max } və ya daha tez olmalıdır.
error-option = “{ $label }” üçün verilmiş variantlardan birini seçin.
error-too-few = “{ $label }” ən azı { $min } qeyd tələb edir.
error-too-many = “{ $label }” ən çoxu { $max } qeyd ola bilər.
error-email = “{ $label }” e-poçt ünvanı olmalıdır, məsələn ad@example.com.
error-file-type = “{ $label }” { $types } növündə fayl olmalıdır.
error-file-too-large = “{ $label }” ən çoxu { $max } bayt ölçüsündə fayl olmalıdır.
error-rule = “{ $label }” digər cavablarla uyğun gəlmir.
error-fee = Bu cavablara görə rüsum hesablana bilmir; onları yoxlayıb yenidən cəhd edin.
