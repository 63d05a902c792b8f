auto_a = "a.auto.tfvars"
auto_b = "a.auto.tfvars"
