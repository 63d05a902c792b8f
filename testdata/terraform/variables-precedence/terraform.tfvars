tfvars      = "terraform.tfvars"
tfvars_json = "terraform.tfvars"
rule = {
  dest = "Internet"
}
