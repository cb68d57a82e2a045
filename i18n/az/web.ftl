# forms-web: brauzer tətbiqinin mətnləri.
# Each language's name in itself, for the language switcher (the same in every file).
language-bg = Български
language-en = English
language-pl = Polski
language-az = Azərbaycanca
language-switcher = Dil
site-name = Elektron formalar
skip-to-content = Əsas məzmuna keçin
services-title = Elektron xidmətlər
loading = Yüklənir…
load-failed = Səhifəni yükləmək mümkün olmadı.
retry = Yenidən cəhd edin
form-not-found = Bu forma mövcud deyil və ya artıq dərc olunmur.
back-to-services = Xidmətlərin siyahısına qayıdın
optional = (istəyə görə)
submit = Ərizəni göndərin
submitting = Göndərilir…
error-summary-title = Problem var
error-network = Serverə qoşulmaq mümkün olmadı. Cavablarınız saxlanılıb: bağlantını yoxlayın və yenidən göndərin.
error-server = Server ərizəni hazırda qəbul edə bilmədi. Cavablarınız saxlanılıb: bir neçə dəqiqədən sonra yenidən göndərin.
submitted-title = Ərizə göndərildi
submitted-reference = İstinad nömrəniz
submitted-next = Bu nömrəni saxlayın: ərizənizi izləmək üçün lazım olacaq.
