# forms-core: yoxlama mesajları. $label eyni dildə sahənin adıdır.
error-required = “{ $label }” sahəsini doldurun.
error-type = “{ $label }” sahəsindəki cavab düzgün növdə deyil.
error-too-long = “{ $label }” ən çoxu { $max } simvol ola bilər.
