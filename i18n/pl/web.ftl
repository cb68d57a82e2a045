# forms-web: teksty aplikacji w przeglądarce.
# Each language's name in itself, for the language switcher (the same in every file).
language-bg = Български
language-en = English
language-pl = Polski
language-az = Azərbaycanca
language-switcher = Język
site-name = e-Formularze
skip-to-content = Przejdź do głównej treści
services-title = Usługi elektroniczne
loading = Trwa wczytywanie…
load-failed = Nie udało się wczytać strony.
retry = Spróbuj ponownie
form-not-found = Ten formularz nie istnieje lub nie jest już dostępny.
back-to-services = Wróć do listy usług
optional = (nieobowiązkowe)
submit = Złóż wniosek
submitting = Wysyłanie…
error-summary-title = Formularz zawiera błędy
error-network = Brak połączenia z serwerem. Wprowadzone dane nie zostały utracone: sprawdź połączenie z internetem i złóż wniosek ponownie.
error-server = Z powodu problemu technicznego nie można teraz przyjąć wniosku. Wprowadzone dane nie zostały utracone: spróbuj ponownie za kilka minut.
submitted-title = Wniosek został złożony
submitted-reference = Numer Twojego wniosku:
submitted-next = Zachowaj ten numer – będzie potrzebny, aby sprawdzić, na jakim etapie jest wniosek.
