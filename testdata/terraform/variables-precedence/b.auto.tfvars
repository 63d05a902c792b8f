auto_b   = "b.auto.tfvars"
var_file = "b.auto.tfvars"
