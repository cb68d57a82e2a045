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
form-not-found = Bu forma mövcud deyil və ya artıq əlçatan deyil.
back-to-services = Xidmətlərin siyahısına qayıdın
optional = (məcburi deyil)
submit = Ərizəni göndərin
submitting = Göndərilir…
error-summary-title = Formada səhvlər var
error-network = Serverlə əlaqə yaratmaq mümkün olmadı. Daxil etdiyiniz məlumatlar itməyib: internet bağlantınızı yoxlayın və ərizəni yenidən göndərin.
error-server = Texniki problemə görə ərizəni hazırda qəbul etmək mümkün deyil. Daxil etdiyiniz məlumatlar itməyib: bir neçə dəqiqədən sonra yenidən cəhd edin.
submitted-title = Ərizə göndərildi
submitted-reference = Ərizənizin nömrəsi:
submitted-next = Bu nömrəni yadda saxlayın: ərizənizin hansı mərhələdə olduğunu yoxlamaq üçün lazım olacaq.
