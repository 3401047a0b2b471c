#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rewrite a GtkBuilder .ui file so that gtk4-builder-tool (GTK 4.8) can
validate it outside the app: usage: ui-to-stock.py IN.ui OUT.ui

The tool only knows GTK's own types and cannot call the app's template
callbacks, so in the copy:

- <template class="YpFoo" parent="P"> becomes <object class="P">, where an
  app-defined or abstract P becomes GtkBox;
- an object of an app-defined class (Yp*) that is a <child>, or the value of
  a property that takes a widget (child, start-child, ...), becomes a GtkBox
  that keeps its children, its style, accessibility and layout, and only
  the properties every GtkWidget has; anywhere else it is removed, together
  with the <property> that held it;
- <signal> elements are removed (their handlers live in the app);
- a <property> or <binding> is removed when it refers to something that was
  replaced or removed (bind-source, an object id as value, a <lookup> or
  <constant> of an app type or on such an id) or uses a <closure> (a
  template callback).

Everything else is left byte for byte, and every edit keeps the number of
lines, so the line numbers in gtk4-builder-tool's messages are those of the
original file. What was changed is reported on stderr.
"""

import re
import sys
import xml.parsers.expat

APP_TYPE = re.compile(r'^Yp[A-Za-z0-9]*$')
STOCK_WIDGET = 'GtkBox'
# Abstract GTK types cannot be instantiated by GtkBuilder.
ABSTRACT_PARENTS = {'GtkWidget', 'GtkRange', 'GtkLayoutManager', 'GtkFilter',
                    'GtkSorter', 'GtkListItemFactory', 'GtkEventController',
                    'GtkGesture', 'GtkGestureSingle'}
# Properties whose value is a widget: an app widget there becomes a GtkBox.
WIDGET_PROPERTIES = {'child', 'start-child', 'end-child', 'titlebar',
                     'title-widget', 'label-widget', 'center-widget',
                     'start-widget', 'end-widget', 'content', 'overlay'}
# GtkWidget's own properties in GTK 4.8 (plus GtkAccessible's), the only
# ones a replaced app widget keeps.
WIDGET_GENERIC = {'can-focus', 'can-target', 'css-classes', 'css-name',
                  'cursor', 'focus-on-click', 'focusable', 'halign',
                  'has-tooltip', 'height-request', 'hexpand', 'hexpand-set',
                  'layout-manager', 'margin-bottom', 'margin-end',
                  'margin-start', 'margin-top', 'name', 'opacity', 'overflow',
                  'receives-default', 'sensitive', 'tooltip-markup',
                  'tooltip-text', 'valign', 'vexpand', 'vexpand-set',
                  'visible', 'width-request', 'accessible-role'}
# Elements a replaced app widget keeps besides <child> and <property>.
WIDGET_ELEMENTS = {'child', 'property', 'style', 'accessibility', 'layout'}


class Node:
    def __init__(self, tag, attrs, start, parent):
        self.tag = tag
        self.attrs = attrs
        self.start = start          # byte index of '<' of the start tag
        self.start_tag_end = None   # byte index just past its '>'
        self.end_tag_start = None   # byte index of '</', None if empty
        self.end = None             # byte index just past the element
        self.parent = parent
        self.children = []
        self.text = ''


def tag_end(data, i):
    """Index just past the '>' closing the tag that starts at i."""
    quote = None
    while i < len(data):
        c = data[i:i + 1]
        if quote:
            if c == quote:
                quote = None
        elif c in (b'"', b"'"):
            quote = c
        elif c == b'>':
            return i + 1
        i += 1
    raise ValueError('unterminated tag')


def parse(data):
    root = Node('#document', {}, 0, None)
    stack = [root]
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True

    def start(tag, attrs):
        idx = parser.CurrentByteIndex
        node = Node(tag, attrs, idx, stack[-1])
        node.start_tag_end = tag_end(data, idx)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag):
        node = stack.pop()
        idx = parser.CurrentByteIndex
        if data[idx:idx + 2] == b'</':
            node.end_tag_start = idx
            node.end = tag_end(data, idx)
        else:  # <tag/>
            node.end = node.start_tag_end

    def chars(text):
        stack[-1].text += text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.Parse(data, True)
    return root


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def same_lines(data, start, end, text):
    """text, padded with newlines so it spans as many lines as data[start:end]."""
    missing = data.count(b'\n', start, end) - text.count(b'\n')
    return text + b'\n' * max(missing, 0)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write('usage: ui-to-stock.py IN.ui OUT.ui\n')
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, 'rb') as f:
        data = f.read()
    try:
        root = parse(data)
    except (xml.parsers.expat.ExpatError, ValueError) as e:
        sys.stderr.write(f'{src}: not well-formed XML: {e}\n')
        return 1

    edits = []       # (start, end, replacement bytes)
    notes = []
    affected = set() # ids (and the template class) that no longer hold the app type

    def line(node):
        return data.count(b'\n', 0, node.start) + 1

    def delete(node, why):
        edits.append((node.start, node.end, same_lines(data, node.start, node.end, b'')))
        notes.append(f'line {line(node)}: removed <{node.tag}> ({why})')

    def rewrite_start_tag(node, text, why):
        edits.append((node.start, node.start_tag_end,
                      same_lines(data, node.start, node.start_tag_end, text.encode())))
        notes.append(f'line {line(node)}: {why}')

    def attrs_text(attrs):
        return ''.join(f' {k}="{escape(v)}"' for k, v in attrs.items())

    # First pass: decide what happens to app-typed objects and the template.
    replaced = set()  # Node objects turned into a stock widget
    removed = set()   # Node objects removed (with their holder)
    for node in walk(root):
        if node.tag == 'template':
            affected.add(node.attrs.get('class', ''))
        if node.tag != 'object' or not APP_TYPE.match(node.attrs.get('class', '')):
            continue
        holder = node.parent
        if node.attrs.get('id'):
            affected.add(node.attrs['id'])
        if holder.tag == 'child' or (holder.tag == 'property' and
                                     norm(holder.attrs.get('name', '')) in WIDGET_PROPERTIES):
            replaced.add(node)
        elif holder.tag == 'property':
            removed.add(holder)
        else:
            removed.add(node)

    def refers_to_affected(node):
        """A property/binding that can no longer be checked in the copy."""
        if node.attrs.get('bind-source') in affected:
            return 'bind-source is an app object'
        if node.tag == 'property' and not node.children and node.text.strip() in affected:
            return 'its value is an app object'
        for d in walk_expression(node):
            if d.tag == 'closure':
                return 'uses a <closure> (template callback)'
            if d.tag in ('lookup', 'constant') and (
                    APP_TYPE.match(d.attrs.get('type', '')) or
                    (not d.children and d.text.strip() in affected)):
                return 'expression on an app type or object'
        return None

    def visit(node, in_replaced_widget=False):
        if node in removed:
            delete(node, 'holds an app-defined object')
            return
        if node.tag == 'signal':
            delete(node, f"signal handler {node.attrs.get('handler', '?')}")
            return
        if node.tag in ('property', 'binding'):
            why = refers_to_affected(node)
            if why:
                delete(node, why)
                return
            if in_replaced_widget and norm(node.attrs.get('name', '')) not in WIDGET_GENERIC:
                delete(node, f"property {node.attrs.get('name')} of an app type")
                return
        if node.tag == 'template':
            parent = node.attrs.get('parent', '')
            stock = parent if parent and not APP_TYPE.match(parent) and parent not in ABSTRACT_PARENTS else STOCK_WIDGET
            attrs = {k: v for k, v in node.attrs.items() if k not in ('class', 'parent')}
            attrs = {'class': stock, **attrs}
            rewrite_start_tag(node, f'<object{attrs_text(attrs)}>' if node.end_tag_start is not None
                              else f'<object{attrs_text(attrs)}/>',
                              f"<template class=\"{node.attrs.get('class')}\" parent=\"{parent}\"> -> <object class=\"{stock}\">")
            if node.end_tag_start is not None:
                edits.append((node.end_tag_start, node.end, b'</object>'))
            replaced_root = stock != parent
            for child in node.children:
                visit(child, replaced_root)
            return
        if node in replaced:
            attrs = dict(node.attrs)
            old = attrs['class']
            attrs['class'] = STOCK_WIDGET
            close = '>' if node.end_tag_start is not None else '/>'
            rewrite_start_tag(node, f'<object{attrs_text(attrs)}{close}',
                              f'{old} -> {STOCK_WIDGET}')
            for child in node.children:
                if child.tag not in WIDGET_ELEMENTS and child.tag != 'signal':
                    delete(child, f'<{child.tag}> of an app type')
                elif child.tag == 'child' and 'internal-child' in child.attrs:
                    delete(child, 'internal child of an app type')
                elif child.tag == 'child' and 'type' in child.attrs:
                    cattrs = {k: v for k, v in child.attrs.items() if k != 'type'}
                    close = '>' if child.end_tag_start is not None else '/>'
                    rewrite_start_tag(child, f'<child{attrs_text(cattrs)}{close}',
                                      f"dropped child type=\"{child.attrs['type']}\" under an app type")
                    for grandchild in child.children:
                        visit(grandchild, False)
                else:
                    visit(child, True)
            return
        for child in node.children:
            visit(child, False)

    for top in root.children:
        visit(top)

    # Apply from the end so earlier offsets stay valid; nested edits inside
    # a removed range are dropped.
    edits.sort(key=lambda e: (e[0], -e[1]))
    kept = []
    for e in edits:
        if kept and e[0] < kept[-1][1]:
            continue
        kept.append(e)
    out = data
    for start, end, text in reversed(kept):
        out = out[:start] + text + out[end:]
    with open(dst, 'wb') as f:
        f.write(out)
    for n in notes:
        sys.stderr.write(f'  {src}: {n}\n')
    return 0


def walk_expression(node):
    """The elements under a property or binding, not entering objects (an
    object in a property is checked on its own)."""
    for child in node.children:
        if child.tag == 'object':
            continue
        yield child
        yield from walk_expression(child)


def norm(name):
    return name.replace('_', '-')


def escape(value):
    return (value.replace('&', '&amp;').replace('<', '&lt;')
            .replace('"', '&quot;'))


if __name__ == '__main__':
    sys.exit(main())
