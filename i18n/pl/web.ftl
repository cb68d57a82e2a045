# forms-web: teksty aplikacji w przeglądarce.
# Each language's name in itself, for the language switcher (the same in every file).
language-bg = Български
language-en = English
language-pl = Polski
language-az = Azərbaycanca
language-switcher = Język
site-name = e-Formularze
skip-to-content = Przejdź do treści głównej
services-title = Usługi elektroniczne
loading = Wczytywanie…
load-failed = Nie udało się wczytać strony.
retry = Spróbuj ponownie
form-not-found = Ten formularz nie istnieje lub nie jest już opublikowany.
back-to-services = Wróć do listy usług
optional = (opcjonalnie)
submit = Złóż wniosek
submitting = Wysyłanie…
error-summary-title = Wystąpił problem
error-network = Brak połączenia z serwerem. Twoje odpowiedzi są zachowane: sprawdź połączenie i wyślij ponownie.
error-server = Serwer nie mógł teraz przyjąć wniosku. Twoje odpowiedzi są zachowane: wyślij ponownie za kilka minut.
submitted-title = Wniosek został złożony
submitted-reference = Twój numer referencyjny to
submitted-next = Zachowaj ten numer: będzie potrzebny do śledzenia wniosku.
