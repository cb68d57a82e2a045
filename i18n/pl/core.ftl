# forms-core: komunikaty walidacji. $label to etykieta pola w tym samym języku.
error-required = Wypełnij pole „{ $label }”.
error-type = Odpowiedź w polu „{ $label }” ma niewłaściwy rodzaj.
error-too-long = Pole „{ $label }” może mieć najwyżej { $max } znaków.
