/* yp-html-text.c: the text a browser would show for an HTML fragment, as
 * plain lines (TimelineJS writes its slides' text in HTML)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "yp-html-text"

#include "config.h"

#include <string.h>

#include "yp-html-text.h"

typedef struct {
  GString  *out;
  gboolean  space;  /* a space is due before the next character */
  gboolean  brk;    /* a line break is due before the next character */
} Plain;

typedef struct {
  const char *name;
  gunichar    c;
} Entity;

static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 },
  { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
  { "sbquo", 0x201A }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
  { "hellip", 0x2026 }, { "bull", 0x2022 }, { "middot", 0x00B7 }, { "laquo", 0x00AB },
  { "raquo", 0x00BB }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203A }, { "prime", 0x2032 },
  { "Prime", 0x2033 }, { "dagger", 0x2020 }, { "Dagger", 0x2021 }, { "permil", 0x2030 },
  { "copy", 0x00A9 }, { "reg", 0x00AE }, { "trade", 0x2122 }, { "deg", 0x00B0 },
  { "plusmn", 0x00B1 }, { "times", 0x00D7 }, { "divide", 0x00F7 }, { "minus", 0x2212 },
  { "euro", 0x20AC }, { "pound", 0x00A3 }, { "yen", 0x00A5 }, { "cent", 0x00A2 },
  { "sect", 0x00A7 }, { "para", 0x00B6 }, { "frac12", 0x00BD }, { "frac14", 0x00BC },
  { "frac34", 0x00BE }, { "iexcl", 0x00A1 }, { "iquest", 0x00BF }, { "shy", 0x00AD },
  { "larr", 0x2190 }, { "uarr", 0x2191 }, { "rarr", 0x2192 }, { "darr", 0x2193 },
  { "harr", 0x2194 }, { "zwj", 0x200D }, { "zwnj", 0x200C }, { "lrm", 0x200E },
  { "rlm", 0x200F },
  { "Aacute", 0x00C1 }, { "aacute", 0x00E1 }, { "Agrave", 0x00C0 }, { "agrave", 0x00E0 },
  { "Acirc", 0x00C2 }, { "acirc", 0x00E2 }, { "Auml", 0x00C4 }, { "auml", 0x00E4 },
  { "Atilde", 0x00C3 }, { "atilde", 0x00E3 }, { "Aring", 0x00C5 }, { "aring", 0x00E5 },
  { "AElig", 0x00C6 }, { "aelig", 0x00E6 }, { "Ccedil", 0x00C7 }, { "ccedil", 0x00E7 },
  { "Eacute", 0x00C9 }, { "eacute", 0x00E9 }, { "Egrave", 0x00C8 }, { "egrave", 0x00E8 },
  { "Ecirc", 0x00CA }, { "ecirc", 0x00EA }, { "Euml", 0x00CB }, { "euml", 0x00EB },
  { "Iacute", 0x00CD }, { "iacute", 0x00ED }, { "Igrave", 0x00CC }, { "igrave", 0x00EC },
  { "Icirc", 0x00CE }, { "icirc", 0x00EE }, { "Iuml", 0x00CF }, { "iuml", 0x00EF },
  { "Ntilde", 0x00D1 }, { "ntilde", 0x00F1 }, { "Oacute", 0x00D3 }, { "oacute", 0x00F3 },
  { "Ograve", 0x00D2 }, { "ograve", 0x00F2 }, { "Ocirc", 0x00D4 }, { "ocirc", 0x00F4 },
  { "Ouml", 0x00D6 }, { "ouml", 0x00F6 }, { "Otilde", 0x00D5 }, { "otilde", 0x00F5 },
  { "Oslash", 0x00D8 }, { "oslash", 0x00F8 }, { "OElig", 0x0152 }, { "oelig", 0x0153 },
  { "Scaron", 0x0160 }, { "scaron", 0x0161 }, { "Zcaron", 0x017D }, { "zcaron", 0x017E },
  { "Uacute", 0x00DA }, { "uacute", 0x00FA }, { "Ugrave", 0x00D9 }, { "ugrave", 0x00F9 },
  { "Ucirc", 0x00DB }, { "ucirc", 0x00FB }, { "Uuml", 0x00DC }, { "uuml", 0x00FC },
  { "Yacute", 0x00DD }, { "yacute", 0x00FD }, { "yuml", 0x00FF }, { "szlig", 0x00DF },
};

/* What browsers make of &#128; to &#159;: the characters of Windows-1252
 * (0 where that has none, and the number stays a control character). */
static const gunichar windows_1252[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Tags after which text goes on on a new line. */
static const char *block_tags[] = {
  "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "nav", "ol", "p", "pre",
  "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", NULL
};

static gboolean
line_open (Plain *plain)
{
  return plain->out->len > 0 && plain->out->str[plain->out->len - 1] != '\n';
}

/* Writes the space or line break that is due: only between two pieces of
 * text on a line, so lines are trimmed and never empty. */
static void
flush_pending (Plain *plain)
{
  if (line_open (plain))
    {
      if (plain->brk)
        g_string_append_c (plain->out, '\n');
      else if (plain->space)
        g_string_append_c (plain->out, ' ');
    }
  plain->brk = plain->space = FALSE;
}

static void
append_bytes (Plain      *plain,
              const char *s,
              gsize       n)
{
  flush_pending (plain);
  g_string_append_len (plain->out, s, n);
}

static void
append_char (Plain    *plain,
             gunichar  c)
{
  /* White space, no-break space and control characters all separate
   * words; the no-break space too, so that "&nbsp;" alone is blank. */
  if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0))
    {
      plain->space = TRUE;
      return;
    }
  if (c == 0xFFFE || c == 0xFFFF)
    c = 0xFFFD;
  flush_pending (plain);
  g_string_append_unichar (plain->out, c);
}

static void
line_break (Plain *plain)
{
  plain->brk = TRUE;
  plain->space = FALSE;
}

/* After "&": a character reference, decoded into *out, with *p moved past
 * it; FALSE when it is not one (the "&" is then text). Numeric references
 * are read as browsers do, with or without ";"; named ones need their ";". */
static gboolean
decode_entity (const char **p,
               gunichar    *out)
{
  const char *s = *p + 1;

  if (*s == '#')
    {
      gboolean hex = s[1] == 'x' || s[1] == 'X';
      guint64 value = 0;
      guint digits = 0;

      s += hex ? 2 : 1;
      for (; hex ? g_ascii_isxdigit (*s) : g_ascii_isdigit (*s); s++, digits++)
        value = MIN (value * (hex ? 16 : 10) + (guint64) g_ascii_xdigit_value (*s), 0x110000);
      if (digits == 0)
        return FALSE;
      if (*s == ';')
        s++;
      if (value >= 0x80 && value < 0xA0 && windows_1252[value - 0x80] != 0)
        value = windows_1252[value - 0x80];
      else if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;
      *out = (gunichar) value;
      *p = s;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gsize n = strlen (entities[i].name);

      if (strncmp (s, entities[i].name, n) == 0 && s[n] == ';')
        {
          *out = entities[i].c;
          *p = s + n + 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* From just after a tag's name: returns the character after its ">", or
 * NULL when the tag never ends (a browser then drops the rest). Quoted
 * attribute values may hold ">". Linear in the length of the tag. */
static const char *
skip_tag (const char *p)
{
  while (*p != '\0')
    {
      if (*p == '>')
        return p + 1;
      if (*p++ != '=')
        continue;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '"' || *p == '\'')
        {
          const char *close = strchr (p + 1, *p);

          if (close == NULL)
            return NULL;
          p = close + 1;
        }
    }
  return NULL;
}

/* Reads a tag name at @p into @name (lower case; "" when too long to be a
 * tag we know) and returns the character after it. */
static const char *
read_tag_name (const char *p,
               char        name[16])
{
  guint n = 0;

  for (; g_ascii_isalnum (*p) || *p == '-' || *p == ':'; p++, n++)
    if (n < 15)
      name[n] = g_ascii_tolower (*p);
  name[MIN (n, 15)] = '\0';
  if (n >= 15)
    name[0] = '\0';
  return p;
}

/* After the start tag of <script> or <style>: the character after its end
 * tag, or NULL when there is none (everything after is its content). */
static const char *
skip_raw_text (const char *p,
               const char *name)
{
  gsize n = strlen (name);

  while ((p = strchr (p, '<')) != NULL)
    {
      if (p[1] == '/' && g_ascii_strncasecmp (p + 2, name, n) == 0 && !g_ascii_isalnum (p[2 + n]))
        return skip_tag (p + 2 + n);
      p++;
    }
  return NULL;
}

/* At "<": handles a tag, comment or declaration and returns the character
 * after it (NULL: the rest of the input is swallowed, as a browser would),
 * or returns @p itself when the "<" is just text. */
static const char *
read_markup (Plain      *plain,
             const char *p)
{
  char name[16];
  const char *end;

  if (p[1] == '!')
    {
      if (strncmp (p, "<!--", 4) == 0)
        {
          end = strstr (p + 4, "-->");
          return end ? end + 3 : NULL;
        }
      end = strchr (p + 2, '>');
      return end ? end + 1 : NULL;
    }
  if (p[1] == '?')
    {
      end = strchr (p + 2, '>');
      return end ? end + 1 : NULL;
    }
  if (p[1] == '/')
    {
      if (p[2] == '>')
        return p + 3;
      if (!g_ascii_isalpha (p[2]))
        {
          end = strchr (p + 2, '>');
          return end ? end + 1 : NULL;
        }
      end = skip_tag (read_tag_name (p + 2, name));
      if (g_strv_contains (block_tags, name))
        line_break (plain);
      else if (g_str_equal (name, "td") || g_str_equal (name, "th"))
        plain->space = TRUE;
      return end;
    }
  if (!g_ascii_isalpha (p[1]))
    return p;

  end = skip_tag (read_tag_name (p + 1, name));
  if (end == NULL)
    return NULL;
  if (g_str_equal (name, "script") || g_str_equal (name, "style"))
    return skip_raw_text (end, name);
  if (g_str_equal (name, "li"))
    {
      line_break (plain);
      append_bytes (plain, "•", strlen ("•"));
      plain->space = TRUE;
    }
  else if (g_strv_contains (block_tags, name))
    line_break (plain);
  else if (g_str_equal (name, "td") || g_str_equal (name, "th"))
    plain->space = TRUE;
  return end;
}

char *
yp_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;
  Plain plain = { g_string_new (NULL), FALSE, FALSE };
  const char *p;

  g_return_val_if_fail (html != NULL, NULL);

  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);

  for (p = html; p != NULL && *p != '\0';)
    {
      gunichar c;

      if (*p == '<')
        {
          const char *next = read_markup (&plain, p);

          if (next != p)
            {
              p = next;
              continue;
            }
          append_char (&plain, '<');
          p++;
        }
      else if (*p == '&')
        {
          if (decode_entity (&p, &c))
            append_char (&plain, c);
          else
            {
              append_char (&plain, '&');
              p++;
            }
        }
      else if ((guchar) *p < 0x80)
        {
          append_char (&plain, (guchar) *p);
          p++;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          c = g_utf8_get_char (p);
          if ((c >= 0x80 && c <= 0xA0) || c == 0xFFFE || c == 0xFFFF)
            append_char (&plain, c);
          else
            append_bytes (&plain, p, next - p);
          p = next;
        }
    }
  return g_string_free (plain.out, FALSE);
}
