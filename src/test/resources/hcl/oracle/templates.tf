locals {
  mixed_escape = "a\n${var.x}\t\"q\" $${lit} %%{lit}"
  const_interp = "${"a"}-${1}-${true}"
  cond_in_tpl  = "${var.c ? "a" : "b"}-x"
  nested       = "outer ${"inner ${var.y} end"} done"
  json_in_tpl  = "${jsonencode({ a = { b = "}" } })}"
  tpl_key      = { "${var.k}-x" = 1, "plain" = 2, (var.p) = 3 }
  neg_paren    = -(5)
  neg_space    = - 5
  not_false    = !false
  unicode_ident = { é = "ü", "ключ" = "значение" }
  big          = 1.5e300
  legacy_idx   = var.l.0
  for_in_tpl   = <<EOT
%{ for k, v in var.m ~}
${k} = ${v}
%{ endfor ~}
end
EOT
  if_in_heredoc = <<-EOT
    %{ if var.on }
      on
    %{ else }
      off
    %{ endif }
    EOT
  strip_heredoc = <<-EOT
      a   ${~ var.x ~}   b
      c
    EOT
  dollar_heredoc = <<EOT
$${not} %%{not} \n stays
EOT
  empty_heredoc = <<EOT
EOT
}
