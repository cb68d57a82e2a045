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
       *[other] “{ $label }” düzgün formatda yazılmayıb.
    }
error-identifier-checksum = “{ $label }” etibarlı nömrə deyil: hər rəqəmin düzgün yazıldığını yoxlayın.
error-identifier-date = “{ $label }” mövcud olmayan doğum tarixi ehtiva edir: ilk altı rəqəmi yoxlayın.
error-identifier-country = “{ $label }” burada qəbul edilməyən ölkə kodu ilə başlayır.
