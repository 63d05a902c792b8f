variable "only_default" {
  default = "default"
}

variable "env_only" {
  default = "default"
}

variable "tfvars" {
  default = "default"
}

variable "tfvars_json" {
  default = "default"
}

variable "auto_a" {
  default = "default"
}

variable "auto_b" {
  default = "default"
}

variable "var_file" {
  default = "default"
}

variable "cli" {
  default = "default"
}

variable "port" {
  type    = number
  default = 22
}

variable "tags" {
  type    = list(string)
  default = []
}

variable "rule" {
  type = object({
    dest     = string
    priority = optional(number, 4000)
    ports    = optional(list(string), ["443"])
  })
}

variable "no_value" {
  type = string
}
