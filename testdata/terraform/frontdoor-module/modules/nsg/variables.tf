variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "destination" {
  type = string
}
