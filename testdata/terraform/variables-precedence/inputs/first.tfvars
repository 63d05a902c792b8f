var_file = "first.tfvars"
cli      = "first.tfvars"
