# forms-web: текстове на приложението в браузъра.
# Each language's name in itself, for the language switcher (the same in every file).
language-bg = Български
language-en = English
language-pl = Polski
language-az = Azərbaycanca
language-switcher = Език
site-name = Електронни формуляри
skip-to-content = Към основното съдържание
services-title = Електронни услуги
loading = Зареждане…
load-failed = Страницата не можа да бъде заредена.
retry = Опитайте отново
form-not-found = Този формуляр не съществува или вече не е публикуван.
back-to-services = Обратно към списъка с услуги
optional = (по избор)
submit = Подаване на заявлението
submitting = Изпращане…
error-summary-title = Има проблем
error-network = Няма връзка със сървъра. Отговорите Ви са запазени: проверете връзката си и подайте отново.
error-server = Сървърът не можа да приеме заявлението в момента. Отговорите Ви са запазени: подайте отново след няколко минути.
submitted-title = Заявлението е подадено
submitted-reference = Вашият входящ номер е
submitted-next = Запазете този номер: с него ще следите заявлението си.
