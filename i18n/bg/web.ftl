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
form-not-found = Формулярът не съществува или вече не е достъпен.
back-to-services = Обратно към списъка с услуги
optional = (незадължително)
submit = Подаване на заявлението
submitting = Изпращане…
error-summary-title = Има проблем
error-network = Няма връзка със сървъра. Въведените данни са запазени: проверете интернет връзката си и подайте заявлението отново.
error-server = В момента заявлението не може да бъде прието поради технически проблем. Въведените данни са запазени: опитайте отново след няколко минути.
submitted-title = Заявлението е подадено
submitted-reference = Вашият входящ номер е
submitted-next = Запазете входящия номер – с него можете да проследите хода на заявлението си.
