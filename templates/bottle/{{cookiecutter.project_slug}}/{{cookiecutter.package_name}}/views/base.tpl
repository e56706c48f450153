<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{title}}</title>
  <link rel="stylesheet" href="{{url('static', filepath='style.css')}}">
</head>
<body>
  <main>
    %# {{!base}} inserts the page that called rebase(); the ! turns escaping
    %# off, which is right only for HTML a template produced itself.
    {{!base}}
  </main>
</body>
</html>
