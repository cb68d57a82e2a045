# forms-core: yoxlama mesajları. $label sahənin adıdır (və ya formanın adı); $kind: text, number, date, choice, choices, yes_no, file, rows, group.
error-required = { $kind ->
        [choice] “{ $label }” üçün variantlardan birini seçin.
        [choices] “{ $label }” üçün ən azı bir variant seçin.
        [yes_no] “{ $label }” üçün “Bəli” və ya “Xeyr” seçin.
        [file] “{ $label }” üçün fayl əlavə edin.
        [rows] “{ $label }” bölməsinə ən azı { $min } qeyd əlavə edin.
       *[other] “{ $label }” sahəsini doldurun.
    }
error-type = { $kind ->
        [yes_no] “{ $label }” üçün “Bəli” və ya “Xeyr” seçin.
        [file] “{ $label }” üçün göndərilən faylı oxumaq mümkün olmadı. Faylı yenidən əlavə edin.
       *[other] “{ $label }” üçün göndərilən məlumatın növü düzgün deyil.
    }
error-too-long = “{ $label }” sahəsində ən çoxu { $max } simvol ola bilər.
error-identifier-format = { $scheme ->
        [egn] “{ $label }” 10 rəqəmdən ibarət olmalıdır.
        [lnch] “{ $label }” 10 rəqəmdən ibarət olmalıdır.
        [eik] “{ $label }” 9 və ya 13 rəqəmdən ibarət olmalıdır.
        [bg_vat] “{ $label }” BG hərflərindən və 9 və ya 10 rəqəmdən ibarət olmalıdır.
        [eori] “{ $label }” ölkə kodundan və 15-ə qədər hərf və ya rəqəmdən ibarət olmalıdır.
        [excise] “{ $label }” ölkə kodundan və 11 hərf və ya rəqəmdən ibarət olmalıdır.
        [pesel] “{ $label }” 11 rəqəmdən ibarət olmalıdır.
        [nip] “{ $label }” 10 rəqəmdən ibarət olmalıdır.
        [regon] “{ $label }” 9 və ya 14 rəqəmdən ibarət olmalıdır.
        [voen] “{ $label }” 10 rəqəmdən ibarət olmalı və 1 və ya 2 ilə bitməlidir.
        [phone] “{ $label }” telefon nömrəsi olmalıdır, məsələn { $country ->
            [AZ] 012 123 45 67 və ya +994 12 123 45 67
            [BG] 0888 123 456 və ya +359 2 123 4567
            [PL] 22 123 45 67 və ya +48 22 123 45 67
           *[other] +994 12 123 45 67 (ölkə kodu ilə)
        }.
        [domain] “{ $label }” server adı olmalıdır, məsələn portal.gov.az (sonunda nöqtə olmadan).
        [iban] { $country ->
            [PL] “{ $label }” IBAN (məsələn PL61 1090 1014 0000 0712 1981 2874) və ya 26 rəqəmli hesab nömrəsi (NRB) olmalıdır.
           *[other] “{ $label }” IBAN olmalıdır, məsələn AZ21 NABZ 0000 0000 1370 1000 1944.
        }
        [csr] “{ $label }” PEM formatında sertifikat sorğusu (CSR) olmalı və -----BEGIN CERTIFICATE REQUEST----- ilə başlamalıdır.
       *[other] “{ $label }” sahəsi düzgün formatda doldurulmayıb.
    }
error-identifier-checksum = { $scheme ->
        [iban] “{ $label }” düzgün IBAN deyil: bütün simvolların düzgün yazıldığını yoxlayın.
        [csr] “{ $label }” sahəsindəki sorğu imzalandıqdan sonra dəyişdirilib: sorğunu yenidən yaradın və dəyişmədən daxil edin.
       *[other] “{ $label }” düzgün nömrə deyil: bütün rəqəmlərin düzgün yazıldığını yoxlayın.
    }
error-identifier-date = “{ $label }” sahəsindəki nömrədə mövcud olmayan doğum tarixi var: ilk altı rəqəmi yoxlayın.
error-identifier-country = { $scheme ->
        [bg_vat] “{ $label }” BG ilə başlayan Bolqarıstan ƏDV nömrəsi olmalıdır.
        [nip] “{ $label }” yalnız PL ilə başlaya bilər, başqa ölkə kodu ilə yox.
        [eori] “{ $label }” Aİ üzvü olan dövlətin kodu və ya XI (Şimali İrlandiya) ilə başlamalıdır.
        [excise] “{ $label }” Aİ üzvü olan dövlətin kodu ilə başlamalıdır.
        [iban] { $country ->
            [AZ] “{ $label }” AZ ilə başlayan Azərbaycan IBAN-ı olmalıdır.
            [BG] “{ $label }” BG ilə başlayan Bolqarıstan IBAN-ı olmalıdır.
            [PL] “{ $label }” PL ilə başlayan Polşa IBAN-ı olmalıdır.
           *[other] “{ $label }” burada qəbul edilməyən ölkə kodu ilə başlayır.
        }
        [phone] { $country ->
            [AZ] “{ $label }” Azərbaycan telefon nömrəsi olmalıdır (+994).
            [BG] “{ $label }” Bolqarıstan telefon nömrəsi olmalıdır (+359).
            [PL] “{ $label }” Polşa telefon nömrəsi olmalıdır (+48).
           *[other] “{ $label }” burada qəbul edilməyən ölkə kodu ilə başlayır.
        }
       *[other] “{ $label }” burada qəbul edilməyən ölkə kodu ilə başlayır.
    }
error-too-short = “{ $label }” sahəsində ən azı { $min } simvol olmalıdır.
error-pattern = “{ $label }” sahəsi tələb olunan formatda doldurulmayıb.
error-not-a-number = “{ $label }” ədəd olmalıdır.
error-precision = { $decimals ->
        [0] “{ $label }” tam ədəd olmalıdır.
       *[other] “{ $label }” sahəsində vergüldən sonra ən çoxu { $decimals } rəqəm ola bilər.
    }
error-too-small = “{ $label }” ən azı { $min } olmalıdır.
error-too-large = “{ $label }” ən çoxu { $max } ola bilər.
error-invalid-date = “{ $label }” sahəsində mövcud olan tarix göstərilməlidir.
error-too-early = “{ $label }” sahəsindəki tarix { $min } tarixindən əvvəl ola bilməz.
error-too-late = “{ $label }” sahəsindəki tarix { $max } tarixindən sonra ola bilməz.
error-option = { $kind ->
        [choices] “{ $label }” üçün yalnız verilmiş variantlardan seçin.
       *[other] “{ $label }” üçün verilmiş variantlardan birini seçin.
    }
error-too-few = { $kind ->
        [choices] “{ $label }” üçün ən azı { $min } variant seçin.
       *[other] “{ $label }” bölməsində ən azı { $min } qeyd olmalıdır.
    }
error-too-many = { $kind ->
        [choices] “{ $label }” üçün ən çoxu { $max } variant seçin.
       *[other] “{ $label }” bölməsində ən çoxu { $max } qeyd ola bilər.
    }
error-email = “{ $label }” e-poçt ünvanı olmalıdır, məsələn ad@example.com.
error-file-type = “{ $label }” üçün fayl bu formatlardan birində olmalıdır: { $types }.
error-file-too-large = “{ $label }” üçün faylın ölçüsü ən çoxu { $size } { $unit ->
        [mb] MB
        [kb] KB
       *[b] bayt
    } ola bilər.
error-rule = “{ $label }” sahəsini yoxlayın: cavab digər cavablarınıza uyğun gəlmir.
error-fee = Bu cavablar əsasında rüsumu hesablamaq mümkün olmadı. Cavablarınızı yoxlayıb yenidən cəhd edin.
