locals {
  a = "x"
  h = <<EOT
line ${var.a}
  two
EOT
  i = <<-EOT
    ind
      more
    EOT
  list = [
    1,
    2,
  ]
}
