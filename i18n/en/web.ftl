# forms-web: texts of the browser app.
# Each language's name in itself, for the language switcher (the same in every file).
language-bg = Български
language-en = English
language-pl = Polski
language-az = Azərbaycanca
language-switcher = Language
site-name = eForms
skip-to-content = Skip to main content
services-title = Electronic services
loading = Loading…
load-failed = The page could not be loaded.
retry = Try again
form-not-found = This form does not exist or is no longer published.
back-to-services = Back to the list of services
optional = (optional)
submit = Submit application
submitting = Sending…
error-summary-title = There is a problem
error-network = The server could not be reached. Your answers are kept: check your connection and submit again.
error-server = The server could not accept the application just now. Your answers are kept: please submit again in a few minutes.
submitted-title = Application submitted
submitted-reference = Your reference number is
submitted-next = Keep this number: you will need it to follow your application.
