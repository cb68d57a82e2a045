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
form-not-found = This form does not exist or is no longer available.
back-to-services = Back to the list of services
optional = (optional)
submit = Submit application
submitting = Submitting…
error-summary-title = There is a problem
error-network = We could not connect to the service. Your answers have not been lost. Check your internet connection and submit the application again.
error-server = The application could not be sent because of a problem with the service. Your answers have not been lost. Try again in a few minutes.
submitted-title = Application submitted
submitted-reference = Your reference number is
submitted-next = Keep this number. You will need it to check the progress of your application.
