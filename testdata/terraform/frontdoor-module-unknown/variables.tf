variable "location" {
  type    = string
  default = "westeurope"
}

# no default, no tfvars: the destination is not known before plan
variable "studio_destination" {
  type = string
}
