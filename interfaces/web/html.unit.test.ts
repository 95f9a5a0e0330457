import { escapeHtml, html, join, raw } from './html';

describe('html templates escape by default', () => {
  it('escapes interpolated text, attribute values included', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('does not escape nested templates or raw markup twice, joins arrays, drops empty values', () => {
    const items = ['ա', '<b>'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}${raw('<hr>')}`.value).toBe('<ul><li>ա</li><li>&lt;b&gt;</li></ul>0<hr>');
    expect(join(['a', html`<i>b</i>`], html`<br>`).value).toBe('a<br><i>b</i>');
  });

  it('keeps Armenian text as it is', () => {
    expect(escapeHtml('Համայնք «մեկ պատուհան»')).toBe('Համայնք «մեկ պատուհան»');
  });
});
