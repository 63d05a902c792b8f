var_file = "second.tfvars"
cli      = "second.tfvars"
